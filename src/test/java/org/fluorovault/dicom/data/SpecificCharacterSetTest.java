package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecificCharacterSetTest {

    private static String decodePn(String charset, byte[] value) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, charset.split("\\\\"));
        a.setBytes(0x00100010, VR.PN, value);
        return a.getString(0x00100010);
    }

    @Test
    void latin1() {
        assertEquals("Buc^Jérôme", decodePn("ISO_IR 100", "Buc^Jérôme".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void utf8() {
        assertEquals(
                "Wang^XiaoDong=王^小東", decodePn("ISO_IR 192", "Wang^XiaoDong=王^小東".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void iso2022JapaneseWithKanjiAndKatakanaLikePs35AnnexH() {
        // Yamada^Tarou=<ESC $ B>山田<ESC ( B>^<ESC $ B>太郎<ESC ( B>=<ESC $ B>やまだ<ESC ( B>^<ESC $ B>たろう<ESC ( B>
        byte[] v = {
            'Y', 'a', 'm', 'a', 'd', 'a', '^', 'T', 'a', 'r', 'o', 'u', '=', 0x1b, '$', 'B', 0x3b, 0x33, 0x45, 0x44,
            0x1b, '(', 'B', '^', 0x1b, '$', 'B', 0x42, 0x40, 0x4f, 0x3a, 0x1b, '(', 'B', '=', 0x1b, '$', 'B', 0x24,
            0x64, 0x24, 0x5e, 0x24, 0x40, 0x1b, '(', 'B', '^', 0x1b, '$', 'B', 0x24, 0x3f, 0x24, 0x6d, 0x24, 0x26, 0x1b,
            '(', 'B'
        };
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", decodePn("\\ISO 2022 IR 87", v));
    }

    @Test
    void jisX0201HalfWidthKatakana() {
        // ISO 2022 IR 13: ｳｴﾀﾞ^ﾀﾛｰ (half-width katakana in G1)
        byte[] v = {(byte) 0xb3, (byte) 0xb4, (byte) 0xc0, (byte) 0xde, '^', (byte) 0xc0, (byte) 0xdb, (byte) 0xb0};
        assertEquals("ｳｴﾀﾞ^ﾀﾛｰ", decodePn("ISO 2022 IR 13\\ISO 2022 IR 87", v));
        assertEquals("ｳｴﾀﾞ^ﾀﾛｰ", decodePn("ISO_IR 13", v));
    }

    @Test
    void defaultRepertoireWhenAbsent() {
        Attributes a = new Attributes();
        a.setString(0x00100010, VR.PN, "Doe^John");
        assertEquals("Doe^John", a.getString(0x00100010));
    }
}
