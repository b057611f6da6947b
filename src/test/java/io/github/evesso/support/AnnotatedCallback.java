package io.github.evesso.support;

import io.github.evesso.EveSsoCallbackServlet;
import jakarta.servlet.annotation.WebServlet;

/** An application's own callback servlet, found by annotation scanning (see {@link AnnotatedFilter}). */
@WebServlet("/sso/callback")
public class AnnotatedCallback extends EveSsoCallbackServlet {
    private static final long serialVersionUID = 1L;
}
