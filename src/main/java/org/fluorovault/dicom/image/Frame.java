package org.fluorovault.dicom.image;

/**
 * One decoded grayscale frame: stored pixel values (sign-extended when the pixel representation
 * is signed), row by row from the top left: {@code values[row * columns + column]}.
 *
 * @param index frame index, 0-based
 */
public record Frame(int index, int columns, int rows, int[] values) {
    public Frame {
        if (values.length != columns * rows)
            throw new IllegalArgumentException("values do not match " + columns + " x " + rows);
    }

    public int value(int column, int row) {
        return values[row * columns + column];
    }

    /** Smallest and largest value, {@code {min, max}}. */
    public int[] minMax() {
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int v : values) {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new int[] {min, max};
    }
}
