package org.fluorovault.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fluorovault.evidence.EvidenceFacts.AnalysisSuggestion;
import org.fluorovault.evidence.EvidenceFacts.Contraindication;
import org.fluorovault.evidence.EvidenceFacts.Dose;
import org.fluorovault.evidence.EvidenceFacts.ImageAnnotation;
import org.fluorovault.evidence.EvidenceFacts.LinkedImage;
import org.fluorovault.evidence.EvidenceFacts.Score;
import org.fluorovault.evidence.EvidenceFacts.Session;
import org.junit.jupiter.api.Test;

/** The 62323 rules on hand-made facts: a complete record is SUPPORTED, and each gap fails or warns the right rule. */
class EvidenceEvaluatorTest {
    static final LocalDate DOS = LocalDate.of(2026, 10, 15);
    static final Instant T0 = DOS.atTime(9, 0).toInstant(ZoneOffset.UTC);
    static final DiagnosisCoverage COVERAGE = new DiagnosisCoverage() {
        public boolean isCovered(String code) {
            return Set.of("M54.16", "M54.17", "M51.16", "M48.062").contains(code);
        }

        public String source() {
            return "test list v1";
        }
    };
    final EvidenceEvaluator evaluator = new EvidenceEvaluator(
            RuleSet.loadDefault(), COVERAGE, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

    /** A complete, well-documented 62323: AP and lateral runs, tip on both, epidural contrast, L4-L5, scores, dose. */
    static class Case {
        Session session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                List.of(score("NRS", 8, DOS, "BASELINE"), score("NRS", 3, DOS, "POST")));
        List<Session> others = new ArrayList<>();
        List<LinkedImage> images =
                new ArrayList<>(List.of(image("1.1", "XA", 0.0, T0), image("1.2", "XA", 90.0, T0.plusSeconds(60))));
        List<ImageAnnotation> annotations = new ArrayList<>(List.of(
                annotation("1.1", "AP", "L4-L5", "EPIDURAL", true, T0.plusSeconds(600)),
                annotation("1.2", "LATERAL", "L4-L5", "EPIDURAL", true, T0.plusSeconds(700))));
        List<AnalysisSuggestion> suggestions = new ArrayList<>();
        Dose dose = new Dose("42 s", "0.00031 Gy.m2", "0.012 Gy", "RDSR");

        EvidenceFacts facts() {
            return new EvidenceFacts(session, others, images, annotations, suggestions, dose);
        }
    }

    static Session session(
            long id,
            LocalDate dos,
            String cpt,
            List<String> levels,
            String approach,
            String laterality,
            String steroid,
            Contraindication ci,
            List<String> dx,
            List<Score> scores) {
        return new Session(id, "P1", dos, cpt, "LUMBAR_SACRAL", levels, approach, laterality, steroid, ci, dx, scores);
    }

    static Session prior(long id, LocalDate dos, List<Score> scores) {
        return session(
                id,
                dos,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                scores);
    }

    static Score score(String scale, double v, LocalDate d, String kind) {
        return new Score(scale, v, d, kind);
    }

    static LinkedImage image(String sop, String modality, Double angle, Instant acquired) {
        return new LinkedImage(sop, "S" + sop, "ST1", modality, angle, acquired);
    }

    static ImageAnnotation annotation(String sop, String view, String level, String pattern, boolean tip, Instant at) {
        return new ImageAnnotation(
                sop,
                1,
                view,
                level,
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                pattern,
                null,
                true,
                tip,
                "tech1",
                "TECHNOLOGIST",
                at);
    }

    Verdict judge(Case c) {
        return evaluator.evaluate(c.facts());
    }

    static RuleResult rule(Verdict v, String id) {
        return v.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void completeRecordIsSupportedWithEveryRuleCitingItsSource() {
        Verdict v = judge(new Case());
        assertThat(v.verdict()).as(v.rules().toString()).isEqualTo(VerdictStatus.SUPPORTED);
        assertThat(v.ruleSetVersion()).isEqualTo("62323-2026.11.1");
        assertThat(v.rules())
                .extracting(RuleResult::id)
                .containsExactly("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11");
        assertThat(v.rules()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
        assertThat(rule(v, "R7").status()).isEqualTo(RuleStatus.NOT_APPLICABLE);
        assertThat(rule(v, "R11").status()).isEqualTo(RuleStatus.NOT_APPLICABLE);
        assertThat(rule(v, "R2").message()).contains("AP and LATERAL");
        assertThat(rule(v, "R1").evidence()).hasSize(2);
    }

    @Test
    void r1NoImagesOrUltrasoundOnlyFailsAndNamesCode62322() {
        Case none = new Case();
        none.images.clear();
        RuleResult r = rule(judge(none), "R1");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).contains("62322");
        Case us = new Case();
        us.images.clear();
        us.images.add(image("9.9", "US", null, T0));
        Verdict v = judge(us);
        assertThat(rule(v, "R1").message()).contains("ultrasound");
        assertThat(v.verdict()).isEqualTo(VerdictStatus.NOT_SUPPORTED);
    }

    @Test
    void r2OneViewFailsTwoAnglesWithoutAnnotationWarnsAnglesAloneCount() {
        Case oneView = new Case();
        oneView.annotations.remove(1);
        oneView.images.set(1, image("1.2", "XA", 10.0, T0));
        assertThat(rule(judge(oneView), "R2").status()).isEqualTo(RuleStatus.FAIL);

        Case unannotated = new Case();
        unannotated.annotations.remove(1);
        RuleResult warn = rule(judge(unannotated), "R2");
        assertThat(warn.status()).isEqualTo(RuleStatus.WARN);
        assertThat(warn.message()).contains("0\u00b0").contains("90\u00b0");

        Case byAngle = new Case();
        byAngle.annotations.replaceAll(a -> new ImageAnnotation(
                a.sopInstanceUid(),
                1,
                "OTHER",
                a.level(),
                a.approach(),
                a.laterality(),
                a.contrastPattern(),
                null,
                true,
                true,
                "tech1",
                "TECHNOLOGIST",
                a.createdAt()));
        byAngle.images.set(1, image("1.2", "XA", -35.0, T0));
        RuleResult pass = rule(judge(byAngle), "R2");
        assertThat(pass.status()).isEqualTo(RuleStatus.PASS);
        assertThat(pass.message()).contains("primary angles");
    }

    @Test
    void r3ContrastNeedsEpiduralConfirmationUnlessContraindicated() {
        Case intrathecal = new Case();
        intrathecal.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), a.level(), "INTRATHECAL", true, a.createdAt()));
        RuleResult r = rule(judge(intrathecal), "R3");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).contains("INTRATHECAL");

        Case claimed = new Case();
        claimed.annotations.replaceAll(a ->
                annotation(a.sopInstanceUid(), a.view(), a.level(), "NOT_GIVEN_CONTRAINDICATED", true, a.createdAt()));
        assertThat(rule(judge(claimed), "R3").message()).contains("no contraindication");

        claimed.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                new Contraindication("ALLERGY", "iodinated contrast anaphylaxis 2019"),
                List.of("M54.16"),
                claimed.session.scores());
        RuleResult ok = rule(judge(claimed), "R3");
        assertThat(ok.status()).isEqualTo(RuleStatus.PASS);
        assertThat(ok.message()).contains("ALLERGY").contains("anaphylaxis");

        Case suggestedOnly = new Case();
        suggestedOnly.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), a.level(), null, true, a.createdAt()));
        suggestedOnly.suggestions.add(new AnalysisSuggestion("1.1", "EPIDURAL", 0.8));
        RuleResult s = rule(judge(suggestedOnly), "R3");
        assertThat(s.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(s.message()).contains("suggested EPIDURAL").contains("not a confirmation");
    }

    @Test
    void r4LevelMustBeOneLumbarLevelMatchingTheRecord() {
        Case mismatch = new Case();
        mismatch.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), "L5-S1", "EPIDURAL", true, a.createdAt()));
        assertThat(rule(judge(mismatch), "R4").message())
                .contains("L5-S1")
                .contains("does not match")
                .contains("L4-L5");

        Case two = new Case();
        two.annotations.set(1, annotation("1.2", "LATERAL", "L3-L4", "EPIDURAL", true, T0));
        assertThat(rule(judge(two), "R4").message()).contains("More than one level");

        Case thoracic = new Case();
        thoracic.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), "T11-T12", "EPIDURAL", true, a.createdAt()));
        assertThat(rule(judge(thoracic), "R4").message()).contains("outside the lumbar/sacral");

        Case none = new Case();
        none.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), null, "EPIDURAL", true, a.createdAt()));
        assertThat(rule(judge(none), "R4").status()).isEqualTo(RuleStatus.FAIL);

        Case caudal = new Case();
        caudal.session = session(
                1,
                DOS,
                "62323",
                List.of("CAUDAL"),
                "CAUDAL",
                "MIDLINE",
                "triamcinolone",
                null,
                List.of("M54.16"),
                caudal.session.scores());
        caudal.annotations.replaceAll(
                a -> annotation(a.sopInstanceUid(), a.view(), "CAUDAL", "EPIDURAL", true, a.createdAt()));
        assertThat(rule(judge(caudal), "R4").status()).isEqualTo(RuleStatus.PASS);
    }

    @Test
    void r5BilateralAndSecond62323OnTheSameDateFail() {
        Case bilateral = new Case();
        bilateral.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "BILATERAL",
                "triamcinolone",
                null,
                List.of("M54.16"),
                bilateral.session.scores());
        assertThat(rule(judge(bilateral), "R5").message()).contains("ilateral");

        Case twice = new Case();
        twice.others.add(prior(7, DOS, List.of()));
        RuleResult r = rule(judge(twice), "R5");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).contains("#7").contains("once per date of service");
        assertThat(judge(twice).verdict()).isEqualTo(VerdictStatus.NOT_SUPPORTED);
    }

    @Test
    void r6FifthSessionInRolling12MonthsFailsButOneJustOutsideTheWindowDoesNot() {
        Case c = new Case();
        // four earlier sessions, each well documented so that R7 is not what fails
        c.others.add(prior(11, DOS.minusMonths(11).minusDays(20), List.of()));
        c.others.add(prior(12, DOS.minusMonths(8), List.of()));
        c.others.add(prior(13, DOS.minusMonths(5), List.of()));
        c.others.add(prior(14, DOS.minusMonths(2), List.of()));
        RuleResult r = rule(judge(c), "R6");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).startsWith("5 lumbar/sacral sessions");
        assertThat(r.evidence()).hasSize(5);

        c.others.set(0, prior(11, DOS.minusMonths(12), List.of()));
        RuleResult ok = rule(judge(c), "R6");
        assertThat(ok.status()).isEqualTo(RuleStatus.PASS);
        assertThat(ok.message()).startsWith("4 of at most 4");
    }

    @Test
    void r7RepeatNeedsFiftyPercentForThreeMonthsOnTheSameScale() {
        LocalDate prev = DOS.minusMonths(4);
        Case good = new Case();
        good.others.add(prior(
                5,
                prev,
                List.of(
                        score("NRS", 8, prev, "BASELINE"),
                        score("NRS", 3, prev.plusMonths(1), "FOLLOW_UP"),
                        score("NRS", 3, prev.plusMonths(3).plusDays(2), "FOLLOW_UP"))));
        RuleResult pass = rule(judge(good), "R7");
        assertThat(pass.status()).as(pass.message()).isEqualTo(RuleStatus.PASS);
        assertThat(pass.message()).contains("62%");

        Case shortLived = new Case();
        shortLived.others.add(prior(
                5,
                prev,
                List.of(
                        score("NRS", 8, prev, "BASELINE"),
                        score("NRS", 3, prev.plusMonths(1), "FOLLOW_UP"),
                        score("NRS", 6, prev.plusMonths(3).plusDays(2), "FOLLOW_UP"))));
        shortLived.others.add(prior(4, prev.minusMonths(4), List.of()));
        RuleResult fail = rule(judge(shortLived), "R7");
        assertThat(fail.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(fail.message()).contains("did not stay at 50%");

        Case otherScale = new Case();
        otherScale.others.add(prior(
                5,
                prev,
                List.of(
                        score("NRS", 8, prev, "BASELINE"),
                        score("ODI", 20, prev.plusMonths(3).plusDays(5), "FOLLOW_UP"))));
        otherScale.others.add(prior(4, prev.minusMonths(4), List.of()));
        otherScale.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                List.of(score("ODI", 40, DOS, "BASELINE"), score("ODI", 20, DOS, "POST")));
        assertThat(rule(judge(otherScale), "R7").message()).contains("not on the baseline's scale (NRS)");
    }

    @Test
    void r7AfterAFailedFirstInjectionNeeds14DaysAndAChange() {
        LocalDate prev = DOS.minusDays(20);
        List<Score> failedScores =
                List.of(score("NRS", 8, prev, "BASELINE"), score("NRS", 7, prev.plusDays(14), "FOLLOW_UP"));
        Case sameEverything = new Case();
        sameEverything.others.add(prior(5, prev, failedScores));
        assertThat(rule(judge(sameEverything), "R7").message()).contains("different approach, level or drug");

        Case changedLevel = new Case();
        changedLevel.others.add(session(
                5,
                prev,
                "62323",
                List.of("L5-S1"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                failedScores));
        RuleResult ok = rule(judge(changedLevel), "R7");
        assertThat(ok.status()).as(ok.message()).isEqualTo(RuleStatus.PASS);
        assertThat(ok.message()).contains("20 days later").contains("level");

        Case tooSoon = new Case();
        LocalDate soon = DOS.minusDays(10);
        tooSoon.others.add(session(
                5,
                soon,
                "62323",
                List.of("L5-S1"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "dexamethasone",
                null,
                List.of("M54.16"),
                List.of(score("NRS", 8, soon, "BASELINE"))));
        assertThat(rule(judge(tooSoon), "R7").message()).contains("at least 14 days (10 given)");
    }

    @Test
    void r8ScoresMissingOrOnDifferentScales() {
        Case noBaseline = new Case();
        noBaseline.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                List.of(score("NRS", 3, DOS, "POST")));
        assertThat(rule(judge(noBaseline), "R8").status()).isEqualTo(RuleStatus.FAIL);

        Case noPost = new Case();
        noPost.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                List.of(score("NRS", 8, DOS, "BASELINE")));
        Verdict v = judge(noPost);
        assertThat(rule(v, "R8").status()).isEqualTo(RuleStatus.WARN);
        assertThat(v.verdict()).isEqualTo(VerdictStatus.AT_RISK);

        Case mixed = new Case();
        mixed.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                List.of(score("NRS", 8, DOS, "BASELINE"), score("ODI", 30, DOS, "POST")));
        assertThat(rule(judge(mixed), "R8").message()).contains("not on the same scale");
    }

    @Test
    void r9AxialLowBackPainAloneIsNotCovered() {
        Case c = new Case();
        c.session = session(
                1,
                DOS,
                "62323",
                List.of("L4-L5"),
                "INTERLAMINAR_PARAMEDIAN",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.50"),
                c.session.scores());
        RuleResult r = rule(judge(c), "R9");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).contains("M54.50").contains("test list v1");
    }

    @Test
    void r10MissingDoseOnlyWarnsBecauseTheRuleIsAdvisory() {
        Case c = new Case();
        c.dose = null;
        Verdict v = judge(c);
        assertThat(rule(v, "R10").status()).isEqualTo(RuleStatus.WARN);
        assertThat(v.verdict()).isEqualTo(VerdictStatus.AT_RISK);
        c.dose = new Dose("40 s", null, null, "MPPS");
        assertThat(rule(judge(c), "R10").message()).contains("DAP or reference air kerma");
    }

    @Test
    void r11VascularUptakeNeedsRepositioningAndALaterEpiduralImage() {
        Case c = new Case();
        c.images.add(0, image("1.0", "XA", 0.0, T0.minusSeconds(120)));
        c.annotations.add(annotation("1.0", "AP", "L4-L5", "VASCULAR", false, T0));
        RuleResult r = rule(judge(c), "R11");
        assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(r.message()).contains("no repositioning");

        c.annotations.set(2, annotation("1.0", "AP", "L4-L5", "VASCULAR_REPOSITIONED", false, T0));
        assertThat(rule(judge(c), "R11").status()).isEqualTo(RuleStatus.PASS);

        // the vascular run is the last one acquired: no later epidural confirmation
        c.images.set(0, image("1.0", "XA", 0.0, T0.plusSeconds(3600)));
        assertThat(rule(judge(c), "R11").message()).contains("no epidural confirmation on an image acquired after");

        Case suggested = new Case();
        suggested.images.add(image("1.5", "XA", 0.0, T0));
        suggested.suggestions.add(new AnalysisSuggestion("1.5", "VASCULAR", 0.7));
        assertThat(rule(judge(suggested), "R11").status()).isEqualTo(RuleStatus.WARN);
    }

    @Test
    void otherCptCodesHaveNoRuleSet() {
        Case c = new Case();
        c.session = session(
                1,
                DOS,
                "64483",
                List.of("L4-L5"),
                "TRANSFORAMINAL",
                "LEFT",
                "triamcinolone",
                null,
                List.of("M54.16"),
                c.session.scores());
        assertThatThrownBy(() -> judge(c))
                .isInstanceOf(NoRuleSetException.class)
                .hasMessageContaining("64483");
    }

    @Test
    void aRuleSetNamingAnUnknownRuleIsRefused() {
        RuleSet base = RuleSet.loadDefault();
        List<RuleSet.RuleDefinition> rules = new ArrayList<>(base.rules());
        rules.add(new RuleSet.RuleDefinition("R99", "x", "REQUIRED", "s", null));
        RuleSet bad = new RuleSet(
                "v",
                "t",
                base.appliesTo(),
                base.guidanceModalities(),
                base.lumbarSacralLevels(),
                base.sessionCodes(),
                rules);
        assertThatThrownBy(() -> new EvidenceEvaluator(bad, COVERAGE, Clock.systemUTC()))
                .hasMessageContaining("R99");
    }
}
