/// The demo patients' stories. Everything about the people is invented. The
/// codes are SNOMED CT, LOINC and RxNorm codes written from memory, not
/// checked against a terminology server; the default rules also match the
/// display words, so a wrong code would still be ranked.
extension BundleBuilder {
    mutating func chestExSmoker() {
        patient(ageYears: 67, sex: "male")
        condition("254626006", "Adenocarcinoma of lung", daysAgo: 1100, status: "remission")
        procedure("173171007", "Lobectomy of lung", daysAgo: 1080)
        condition("38341003", "Hypertensive disorder", daysAgo: 4000)
        smokingStatus("8517006", "Ex-smoker", daysAgo: 20)
        quantity("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", 48, "mL/min/{1.73_m2}", daysAgo: 14)
        quantity("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1.5, "mg/dL", daysAgo: 14)
        medication("308135", "amlodipine 10 MG Oral Tablet", daysAgo: 300)
        priorStudy(modality: "CT", site: ("51185008", "Thoracic structure"), description: "CT chest with contrast",
                   conclusion: "Postsurgical changes after right upper lobectomy. No evidence of recurrence.", daysAgo: 365)
        encounter("AMB", reason: "Oncology follow-up", practitioner: "Dr. Demo Oncologist", daysAgo: 20)
    }

    mutating func headFallOnApixaban() {
        patient(ageYears: 74, sex: "female")
        condition("49436004", "Atrial fibrillation", daysAgo: 2000)
        condition("266257000", "Transient ischemic attack", daysAgo: 1800, status: "resolved")
        condition("217082002", "Accidental fall", daysAgo: 1)
        medication("1364445", "apixaban 5 MG Oral Tablet", daysAgo: 1900)
        medication("197361", "amlodipine 5 MG Oral Tablet", daysAgo: 900)
        encounter("EMER", reason: "Fall at home, struck head", practitioner: "Dr. Demo Emergency", daysAgo: 1)
    }

    mutating func abdomenGallstones() {
        patient(ageYears: 45, sex: "female")
        condition("235919008", "Gallstone", daysAgo: 400)
        condition("21522001", "Abdominal pain", daysAgo: 3)
        procedure("80146002", "Appendectomy", daysAgo: 9000)
        quantity("39156-5", "Body mass index (BMI) [Ratio]", 31.2, "kg/m2", daysAgo: 30)
        priorStudy(modality: "US", site: ("113345001", "Abdominal structure"), description: "US abdomen",
                   conclusion: "Multiple gallstones without gallbladder wall thickening.", daysAgo: 400)
        encounter("AMB", reason: "Right upper quadrant pain after meals", practitioner: "Dr. Demo General", daysAgo: 3)
    }

    mutating func headPacemaker() {
        patient(ageYears: 58, sex: "male")
        condition("441509002", "Cardiac pacemaker in situ", daysAgo: 1500)
        condition("433144002", "Chronic kidney disease stage 3", daysAgo: 1200)
        condition("25064002", "Headache", daysAgo: 40)
        quantity("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", 38, "mL/min/{1.73_m2}", daysAgo: 10)
        quantity("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1.9, "mg/dL", daysAgo: 10)
        medication("314076", "lisinopril 10 MG Oral Tablet", daysAgo: 1100)
    }

    mutating func abdomenContrastAllergy() {
        patient(ageYears: 52, sex: "female")
        allergy("Iodinated contrast media", reaction: "Urticaria", criticality: "low", daysAgo: 1500)
        condition("44054006", "Diabetes mellitus type 2", daysAgo: 2500)
        medication("860975", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet", daysAgo: 2400)
        quantity("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", 90, "mL/min/{1.73_m2}", daysAgo: 30,
                 comparator: ">")
        quantity("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 0.8, "mg/dL", daysAgo: 30)
        encounter("AMB", reason: "Abdominal pain", practitioner: "Dr. Demo Internist", daysAgo: 5)
    }
}
