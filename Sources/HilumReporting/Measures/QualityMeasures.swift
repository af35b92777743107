/// The registry measures Hilum computes for every signed report: four
/// measures from the CMS Merit-based Incentive Payment System (MIPS) that a
/// US radiology group is scored on. Each definition follows the measure's
/// MIPS clinical quality measure (CQM) specification; where a criterion
/// needs data that a Hilum report does not carry in structured form, the
/// `source` says how it is read instead.
// NOTE: the exclusion criteria follow published summaries of the CMS
// specifications, not the specification documents themselves; check them
// against the CMS PDF of the performance year before relying on a rate.
public enum QualityMeasures {
    public static let all: [QualityMeasure] = [pulmonaryNodule, abdominalLesion, thyroidNodule, doseReduction]

    public static func measure(code: String) -> QualityMeasure? { all.first { $0.code == code } }

    /// Phrases that state no follow-up imaging is recommended.
    static let noFollowUpPhrases = [
        "no follow-up imaging", "no follow up imaging", "no further imaging", "no imaging follow-up", "no imaging follow up",
        "no follow-up is recommended", "no follow-up recommended", "no routine follow-up",
    ]

    /// Quality ID #364, CT follow-up of incidental pulmonary nodules.
    public static let pulmonaryNodule = QualityMeasure(
        code: "MIPS-364",
        title: "Follow-up of incidental pulmonary nodules by guideline (MIPS #364)",
        source: "CMS MIPS CQM Quality ID #364, Optimizing Patient Exposure to Ionizing Radiation: Appropriateness: Follow-up CT "
            + "Imaging for Incidentally Detected Pulmonary Nodules According to Recommended Guidelines (2019 to 2024 specifications). "
            + "The nodule is read from the CT chest template's nodule fields; the guideline Hilum applies is Fleischner 2017.",
        citation: "CMS MIPS CQM #364, 2019 to 2024 specifications",
        denominatorText: "final CT reports with an incidental pulmonary nodule, patients aged 35 or older,",
        numeratorText: "recommend a follow-up modality and interval, or no follow-up, and name the guideline followed "
            + "(Fleischner Society 2017)",
        exclusionsText: "medical reasons the guideline does not apply: immunocompromised patient (a CMS exception), "
            + "known cancer or lung cancer screening (outside the Fleischner 2017 guideline, which defers to Lung-RADS for screening)",
        inverse: false,
        modalities: ["CT"], bodyRegions: nil, minimumAge: 35,
        trigger: .choice(field: FleischnerRecommender.FieldID.multiplicity, in: ["single", "multiple"]),
        exclusion: .any([.patient(.immunocompromised), .patient(.knownCancer), .patient(.lungCancerScreening)]),
        numerator: .guidelineRecommendation)

    /// Quality ID #405, no follow-up imaging for benign-appearing incidental abdominal lesions.
    public static let abdominalLesion = QualityMeasure(
        code: "MIPS-405",
        title: "No follow-up imaging for benign incidental abdominal lesions (MIPS #405)",
        source: "CMS MIPS CQM Quality ID #405, Appropriate Follow-up Imaging for Incidental Abdominal Lesions (2020 and later "
            + "specifications, which list renal and adrenal lesions; the liver lesion of the first versions was removed). "
            + "Lesions are read from the CT abdomen template: a simple renal cyst counts as Bosniak I, and an adrenal nodule "
            + "of 10 HU or less on unenhanced CT as likely benign.",
        citation: "CMS MIPS CQM #405, 2020 and later specifications",
        denominatorText: "final CT or MR reports, patients aged 18 or older, with an incidental simple-appearing cystic renal lesion "
            + "(Bosniak I or II), an adrenal lesion of 1.0 cm or less, or an adrenal lesion over 1.0 cm and up to 4.0 cm "
            + "classified as likely benign,",
        numeratorText: "state that no follow-up imaging is recommended",
        exclusionsText: "a documented medical reason for follow-up imaging: known cancer that can metastasize, "
            + "or an immunocompromised patient",
        inverse: false,
        modalities: ["CT", "MR"], bodyRegions: nil, minimumAge: 18,
        trigger: .any([
            .choice(field: "ct_abdomen_kidneys", in: ["cyst"]),
            .all([.choice(field: "ct_abdomen_adrenals", in: ["nodule"]), .number(field: "ct_abdomen_adrenal_size", in: 0...1.0)]),
            .all([.choice(field: "ct_abdomen_adrenals", in: ["nodule"]), .number(field: "ct_abdomen_adrenal_size", in: (1.0).nextUp...4.0),
                  .number(field: "ct_abdomen_adrenal_attenuation", in: -1000...10)]),
        ]),
        exclusion: .any([.patient(.knownCancer), .patient(.immunocompromised)]),
        // NOTE: a recommendation is not tied to the lesion it concerns, so follow-up imaging recommended for
        // any other finding of the same report also counts against the numerator.
        numerator: .all([.noFollowUpStatement(phrases: noFollowUpPhrases), .not(.followUpImaging(subjects: []))]))

    /// Quality ID #406, no follow-up imaging for small incidental thyroid nodules (an inverse measure).
    public static let thyroidNodule = QualityMeasure(
        code: "MIPS-406",
        title: "Follow-up imaging recommended for thyroid nodules under 1.0 cm (MIPS #406, lower is better)",
        source: "CMS MIPS CQM Quality ID #406, Appropriate Follow-up Imaging for Incidental Thyroid Nodules in Patients, "
            + "an inverse measure. No built-in template has a thyroid field, so the nodule is read from the report text: "
            + "a sentence that names the thyroid and gives a size in mm or cm.",
        citation: "CMS MIPS CQM #406, an inverse measure",
        denominatorText: "final CT or MR reports of the chest or neck, patients aged 18 or older, with an incidental "
            + "thyroid nodule under 1.0 cm,",
        numeratorText: "recommend follow-up imaging of the thyroid nodule (the outcome to avoid)",
        exclusionsText: "a documented medical reason for follow-up imaging: multiple endocrine neoplasia or cervical lymphadenopathy",
        inverse: true,
        modalities: ["CT", "MR"], bodyRegions: ["CHEST", "NECK"], minimumAge: 18,
        trigger: .sizeNear(subjects: ["thyroid"], millimetres: 0.1...9.99),
        exclusion: .phrase(["multiple endocrine neoplasia", "cervical lymphadenopathy"]),
        numerator: .any([.followUpImaging(subjects: ["thyroid"]), .phrase(["thyroid ultrasound", "ultrasound of the thyroid"])]))

    /// Quality ID #436, documentation of a dose-lowering technique in CT reports.
    public static let doseReduction = QualityMeasure(
        code: "MIPS-436",
        title: "CT report documents a dose-lowering technique (MIPS #436)",
        source: "CMS MIPS CQM Quality ID #436, Radiation Consideration for Adult CT: Utilization of Dose Lowering Techniques. "
            + "The technique is read from the report text, usually the Technique section.",
        citation: "CMS MIPS CQM #436",
        denominatorText: "final CT reports, patients aged 18 or older,",
        numeratorText: "document at least one dose-lowering technique: automated exposure control, adjustment of "
            + "the mA and/or kV to patient size, or iterative reconstruction",
        exclusionsText: "none",
        inverse: false,
        modalities: ["CT"], bodyRegions: nil, minimumAge: 18,
        trigger: .always,
        exclusion: nil,
        numerator: .phrase([
            "automated exposure control", "automatic exposure control", "tube current modulation", "dose modulation",
            "adjusted to patient size", "adjustment of the ma", "ma and/or kv", "kv selection", "weight-based ma",
            "iterative reconstruction", "dose reduction technique", "dose-lowering technique",
        ]))
}
