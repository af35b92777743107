import HilumCore
import HilumReporting
import XCTest

/// Each measure on hand-built reports: outside the measure, in the
/// denominator and met, not met, and excluded.
final class QualityMeasureTests: XCTestCase {
    private func result(_ input: MeasureInput, _ measure: QualityMeasure) -> MeasureResult? {
        MeasureEvaluator.evaluate(input, measure)?.result
    }

    private func fleischner(indicated: Bool = true) -> FollowUpRecommendation {
        FollowUpRecommendation(finding: "Solid nodule, 7 mm", guideline: "Fleischner Society", guidelineVersion: "2017",
                               guidelineCode: "FLEISCHNER-2017", isFollowUpIndicated: indicated, modality: indicated ? "CT" : nil,
                               intervalDays: indicated ? 180 : nil, dueDate: nil, urgency: .routine, text: "CT at 6-12 months.")
    }

    // MARK: - #364 pulmonary nodules

    private func chest(age: Int? = 62, nodules: String = "single", facts: Set<PatientFact> = [],
                       recommendations: [FollowUpRecommendation] = []) -> MeasureInput {
        MeasureInput(modality: "CT", bodyRegion: "CHEST", patientAge: age, facts: facts,
                     fields: ["ct_chest_nodule_multiplicity": .choice(nodules)], text: "CT chest.", recommendations: recommendations)
    }

    func testNoduleMeasureMetWithGuidelineRecommendation() {
        XCTAssertEqual(result(chest(recommendations: [fleischner()]), QualityMeasures.pulmonaryNodule), .numerator)
        XCTAssertEqual(result(chest(recommendations: [fleischner(indicated: false)]), QualityMeasures.pulmonaryNodule), .numerator,
                       "no follow-up, with its source, also meets the measure")
    }

    func testNoduleMeasureNotMet() {
        XCTAssertEqual(result(chest(), QualityMeasures.pulmonaryNodule), .notNumerator)
        var sourceless = fleischner()
        sourceless.guideline = nil
        sourceless.guidelineCode = nil
        XCTAssertEqual(result(chest(recommendations: [sourceless]), QualityMeasures.pulmonaryNodule), .notNumerator, "no source named")
        var incomplete = fleischner()
        incomplete.intervalDays = nil
        XCTAssertEqual(result(chest(recommendations: [incomplete]), QualityMeasures.pulmonaryNodule), .notNumerator, "no interval")
    }

    func testNoduleMeasureExclusionsAndPopulation() {
        XCTAssertEqual(result(chest(facts: [.lungCancerScreening]), QualityMeasures.pulmonaryNodule), .excluded)
        XCTAssertEqual(result(chest(facts: [.knownCancer]), QualityMeasures.pulmonaryNodule), .excluded)
        XCTAssertEqual(result(chest(facts: [.immunocompromised]), QualityMeasures.pulmonaryNodule), .excluded)
        XCTAssertNil(result(chest(nodules: "none"), QualityMeasures.pulmonaryNodule), "no nodule")
        XCTAssertNil(result(chest(age: 34), QualityMeasures.pulmonaryNodule), "under 35")
        XCTAssertNil(result(chest(age: nil), QualityMeasures.pulmonaryNodule), "age unknown")
        var radiograph = chest()
        radiograph.modality = "CR"
        XCTAssertNil(result(radiograph, QualityMeasures.pulmonaryNodule), "not CT")
    }

    // MARK: - #405 abdominal lesions

    private func abdomen(_ fields: [String: FieldValue], text: String = "CT abdomen.", facts: Set<PatientFact> = [],
                         recommendations: [FollowUpRecommendation] = []) -> MeasureInput {
        MeasureInput(modality: "CT", bodyRegion: "ABDOMEN", patientAge: 50, facts: facts, fields: fields, text: text,
                     recommendations: recommendations)
    }

    func testAbdominalLesionDenominator() {
        let measure = QualityMeasures.abdominalLesion
        XCTAssertNotNil(result(abdomen(["ct_abdomen_kidneys": .choice("cyst")]), measure), "simple renal cyst")
        XCTAssertNotNil(result(abdomen(["ct_abdomen_adrenals": .choice("nodule"), "ct_abdomen_adrenal_size": .number(1.0)]), measure),
                        "adrenal 1.0 cm")
        XCTAssertNotNil(result(abdomen(["ct_abdomen_adrenals": .choice("nodule"), "ct_abdomen_adrenal_size": .number(3.2),
                                        "ct_abdomen_adrenal_attenuation": .number(8)]), measure), "adrenal 3.2 cm, 8 HU")
        XCTAssertNil(result(abdomen(["ct_abdomen_adrenals": .choice("nodule"), "ct_abdomen_adrenal_size": .number(3.2),
                                     "ct_abdomen_adrenal_attenuation": .number(25)]), measure), "25 HU is not likely benign")
        XCTAssertNil(result(abdomen(["ct_abdomen_adrenals": .choice("nodule"), "ct_abdomen_adrenal_size": .number(4.5),
                                     "ct_abdomen_adrenal_attenuation": .number(5)]), measure), "over 4.0 cm")
        XCTAssertNil(result(abdomen(["ct_abdomen_kidneys": .choice("mass")]), measure), "renal mass")
    }

    func testAbdominalLesionNumerator() {
        let measure = QualityMeasures.abdominalLesion
        let cyst: [String: FieldValue] = ["ct_abdomen_kidneys": .choice("cyst")]
        XCTAssertEqual(result(abdomen(cyst, text: "Simple renal cyst. No follow-up imaging is recommended."), measure), .numerator)
        XCTAssertEqual(result(abdomen(cyst, recommendations: [fleischner(indicated: false)]), measure), .numerator)
        XCTAssertEqual(result(abdomen(cyst), measure), .notNumerator, "silent on follow-up")
        var ultrasound = fleischner()
        ultrasound.modality = "US"
        XCTAssertEqual(result(abdomen(cyst, text: "No further imaging.", recommendations: [ultrasound]), measure), .notNumerator,
                       "imaging recommended")
        XCTAssertEqual(result(abdomen(cyst, facts: [.knownCancer]), measure), .excluded)
    }

    // MARK: - #406 thyroid nodules (inverse)

    private func neck(_ text: String, region: String = "CHEST", recommendations: [FollowUpRecommendation] = []) -> MeasureInput {
        MeasureInput(modality: "CT", bodyRegion: region, patientAge: 45, text: text, recommendations: recommendations)
    }

    func testThyroidNoduleMeasure() {
        let measure = QualityMeasures.thyroidNodule
        XCTAssertTrue(measure.inverse)
        XCTAssertEqual(result(neck("Mediastinum: 8 mm hypodense thyroid nodule, left lobe."), measure), .notNumerator,
                       "no follow-up recommended: the good outcome of an inverse measure")
        XCTAssertEqual(result(neck("Incidental 0.6 cm thyroid nodule. Recommend thyroid ultrasound."), measure), .numerator)
        var thyroid = fleischner()
        thyroid.finding = "Thyroid nodule, 7 mm"
        thyroid.modality = "US"
        XCTAssertEqual(result(neck("7 mm thyroid nodule.", region: "NECK", recommendations: [thyroid]), measure), .numerator)
        XCTAssertEqual(result(neck("7 mm thyroid nodule. Cervical lymphadenopathy."), measure), .excluded)
        XCTAssertNil(result(neck("1.4 cm thyroid nodule."), measure), "1.0 cm or larger")
        XCTAssertNil(result(neck("5 mm thyroid nodule.", region: "ABDOMEN"), measure), "not chest or neck")
        XCTAssertNil(result(neck("5 mm lung nodule. Thyroid normal."), measure), "the size is on another line")
    }

    // MARK: - #436 dose reduction

    func testDoseReductionStatement() {
        let measure = QualityMeasures.doseReduction
        let stated = MeasureInput(modality: "CT", bodyRegion: "HEAD", patientAge: 30,
                                  text: "TECHNIQUE\nCT head without contrast using automated exposure control and iterative reconstruction.")
        XCTAssertEqual(result(stated, measure), .numerator)
        let silent = MeasureInput(modality: "CT", bodyRegion: "HEAD", patientAge: 30, text: "TECHNIQUE\nCT head without contrast.")
        XCTAssertEqual(result(silent, measure), .notNumerator)
        XCTAssertNil(result(MeasureInput(modality: "CT", bodyRegion: "HEAD", patientAge: 12, text: "iterative reconstruction"), measure),
                     "under 18")
        XCTAssertNil(result(MeasureInput(modality: "MR", bodyRegion: "HEAD", patientAge: 40, text: ""), measure), "not CT")
    }

    func testEveryMeasureWritesItsDefinition() {
        XCTAssertEqual(QualityMeasures.all.map(\.code), ["MIPS-364", "MIPS-405", "MIPS-406", "MIPS-436"])
        for measure in QualityMeasures.all {
            XCTAssertTrue(measure.source.hasPrefix("CMS MIPS CQM Quality ID #"), measure.code)
            XCTAssertFalse(measure.denominatorText.isEmpty, measure.code)
            XCTAssertFalse(measure.numeratorText.isEmpty, measure.code)
            XCTAssertFalse(measure.exclusionsText.isEmpty, measure.code)
            XCTAssertEqual(QualityMeasures.measure(code: measure.code)?.title, measure.title)
        }
    }

    func testPayloadInputReadsFields() {
        let patient = FleischnerRecommender.Patient(age: 70, screening: true, knownCancer: true)
        let payload = ReportPayload(signedAt: 0, radiologistName: "Dr. A", text: "text", document: nil, recommendations: [fleischner()])
        let input = MeasureInput(payload: payload, modality: "ct", bodyRegion: "chest", patient: patient)
        XCTAssertEqual(input.modality, "CT")
        XCTAssertEqual(input.facts, [.lungCancerScreening, .knownCancer])
        XCTAssertEqual(input.patientAge, 70)
        XCTAssertEqual(input.recommendations.count, 1)
    }
}
