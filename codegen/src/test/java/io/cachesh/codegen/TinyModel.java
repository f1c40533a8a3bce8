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
        return load("tiny-model.json");
    }

    /** The tiny REST model: path/query/header/body members, a 204 answer, a bare-array answer. */
    static ApiModel loadRest() {
        return load("tiny-rest-model.json");
    }

    private static ApiModel load(String resource) {
        try (InputStream in = TinyModel.class.getResourceAsStream(resource)) {
            return Models.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
