package org.fluorovault.query;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Collection;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.SpecificCharacterSet;
import org.fluorovault.dicom.dict.Tags;

/** The Specific Character Set of a C-FIND answer (shared by every C-FIND model the node serves). */
public final class FindCharset {
    private static final String UTF8 = "ISO_IR 192";

    private FindCharset() {}

    /**
     * The request's character set when it can encode every value of the answer; else UTF-8.
     * Null (no element) when the request had none and the answer is plain ASCII.
     */
    public static String[] forAnswer(Attributes request, Collection<String> values) {
        String[] requested = request.getStrings(Tags.SpecificCharacterSet);
        SpecificCharacterSet scs = SpecificCharacterSet.of(requested);
        Charset charset = scs.usesCodeExtensions() ? null : scs.initialCharset();
        CharsetEncoder enc = charset == null ? null : charset.newEncoder();
        boolean fits = enc != null;
        for (String v : values) {
            if (v != null && fits && !enc.canEncode(v)) fits = false;
        }
        if (fits) return requested.length == 0 ? null : requested;
        return new String[] {UTF8};
    }
}
