package io.github.evesso.internal.esi;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;

/** ESI's error text: the {@code error} field of its JSON error body ({@code {"error":"..."}}), shortened. */
final class ErrorText {
    static final int MAX_LENGTH = 300;

    private ErrorText() {
    }

    /** The text, without control characters and at most {@value #MAX_LENGTH} characters; {@code null} if none. */
    static String of(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("error") instanceof JsonString error) {
                String text = error.getString().replaceAll("\\p{Cntrl}", " ").strip();
                return text.isEmpty() ? null
                        : text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
            }
            return null;
        } catch (JsonException | IllegalStateException e) {
            return null; // not JSON (a proxy's page): no ESI text to show
        }
    }
}
