package io.cachesh.codegen;

import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The tiny test model: every member type, nested lists, enums, keywords and odd names. */
final class TinyModel {

    private TinyModel() {
    }

    static ApiModel load() {
        try (InputStream in = TinyModel.class.getResourceAsStream("tiny-model.json")) {
            return Models.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
