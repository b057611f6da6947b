package io.github.evesso.testing;

/** HTML escaping and the local EVE SSO's page frame. */
final class Html {

    private Html() {
    }

    /** Escapes text for element content and double- or single-quoted attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A full page around {@code bodyHtml} (already escaped) with the dark EVE-ish look. */
    static String page(String title, String bodyHtml) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
                    background:#0b0e13 radial-gradient(circle at 30%% 20%%,#1b2635,#0b0e13 60%%);
                    color:#c8d3df;font:15px/1.5 "Segoe UI",Helvetica,Arial,sans-serif}
                  main{width:min(440px,92vw);background:#121821;border:1px solid #2a3647;border-radius:6px;
                    padding:28px;box-shadow:0 12px 40px #000a}
                  h1{margin:0 0 4px;font-size:20px;color:#e8eef5;letter-spacing:.04em;text-transform:uppercase}
                  .sub{margin:0 0 18px;color:#7f91a6;font-size:13px}
                  code{color:#f0c674}
                  ul.scopes{margin:6px 0 18px;padding-left:18px;color:#9fb3c8;font-size:13px}
                  form{margin:0}
                  button{display:block;width:100%%;margin:8px 0;padding:11px 14px;border-radius:4px;cursor:pointer;
                    font:inherit;text-align:left;border:1px solid #2f6fa3;background:#16324a;color:#e8eef5}
                  button:hover{background:#1d4566}
                  button .id{float:right;color:#7f91a6;font-size:12px}
                  button.decline{border-color:#7a2c2c;background:#2a1414;text-align:center}
                  button.decline:hover{background:#3c1b1b}
                  .error{color:#ff8a80}
                  footer{margin-top:18px;color:#56667a;font-size:11px;text-align:center}
                </style>
                </head>
                <body><main>
                %s
                <footer>Local EVE SSO &middot; for tests and development only</footer>
                </main></body>
                </html>
                """.formatted(escape(title), bodyHtml);
    }

    /** A 400 error page: the SSO never redirects a malformed authorize request. */
    static String errorPage(String message) {
        return page("Login error", "<h1>Login error</h1><p class=\"error\">" + escape(message) + "</p>");
    }
}
