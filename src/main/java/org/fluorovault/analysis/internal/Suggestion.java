package org.fluorovault.analysis.internal;

import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;

/** A suggested pattern with its confidence and the reasons in words. */
record Suggestion(Pattern pattern, double confidence, List<String> reasons) {}
