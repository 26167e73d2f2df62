package org.fluorovault.review;

/**
 * Where a person saw the needle tip: frame (1-based) and image coordinates in pixels of the
 * stored image, in the DICOM SCOORD convention (0,0 is the top left corner of the top left pixel,
 * column to the right, row down; valid from 0 to Columns and 0 to Rows).
 */
public record NeedleTip(Integer frame, Double column, Double row) {}
