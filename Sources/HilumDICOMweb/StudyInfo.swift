import Foundation

/// The summary of one study that Hilum builds from QIDO-RS: from the
/// study-level dataset and, when fetched, its series. Fields marked local-only identify the
/// patient: they stay on this machine and never go on the ledger.
public struct StudyInfo: Sendable, Equatable {
    public let studyUID: String
    /// Modalities from ModalitiesInStudy, or from the series' Modality when the archive left it out.
    public let modalities: Set<String>
    /// The same modalities, image modalities first, each group in the archive's order.
    public let orderedModalities: [String]
    /// BodyPartExamined values of the study and its series, uppercased.
    public let bodyParts: Set<String>
    public let region: BodyRegion
    public let studyDescription: String?
    public let seriesCount: Int?
    public let instanceCount: Int?
    /// True with contrast, false without, nil when no attribute or description states it.
    public let contrast: Bool?
    /// Problems met while reading the study; each left one field blank.
    public let warnings: [DICOMJSONError]

    // Local-only, identifying fields.
    public let patientName: PersonName?
    public let patientID: String?
    public let patientBirthDate: String?
    public let patientSex: String?
    public let patientWeightKg: Decimal?
    public let accessionNumber: String?
    public let studyDate: String?

    /// Builds the summary from a QIDO-RS study dataset and the study's series
    /// datasets (pass [] when they were not fetched). Nil when the study
    /// dataset has no StudyInstanceUID.
    public init?(study: DICOMDataset, series: [DICOMDataset] = []) {
        guard let uid = study.string(.studyInstanceUID) else { return nil }
        var warnings = study.issues + series.flatMap(\.issues)
        studyUID = uid

        var modalityList = study.codeStrings(.modalitiesInStudy)
        if modalityList.isEmpty { modalityList = series.flatMap { $0.codeStrings(.modality) } }
        orderedModalities = Modality.ordered(modalityList)
        modalities = Set(orderedModalities)

        bodyParts = Set(([study] + series).flatMap { $0.codeStrings(.bodyPartExamined) })
        studyDescription = study.string(.studyDescription)

        let descriptions = [study.strings(.studyDescription), study.strings(.requestedProcedureDescription),
                            series.flatMap { $0.strings(.seriesDescription) + $0.strings(.protocolName) }].flatMap { $0 }
        region = StudyInfo.region(bodyParts: bodyParts, descriptions: descriptions, series: series, modalities: orderedModalities)
        contrast = StudyInfo.contrast(agents: ([study] + series).flatMap { $0.strings(.contrastBolusAgent) },
                                      descriptions: descriptions)

        func read<T>(_ body: () throws(DICOMJSONError) -> T?) -> T? {
            do { return try body() } catch { warnings.append(error); return nil }
        }
        seriesCount = read { () throws(DICOMJSONError) in try study.integer(.numberOfStudyRelatedSeries) }
            ?? (series.isEmpty ? nil : series.count)
        let studyInstances = read { () throws(DICOMJSONError) in try study.integer(.numberOfStudyRelatedInstances) }
        let seriesInstances = series.compactMap { one in
            read { () throws(DICOMJSONError) in try one.integer(.numberOfSeriesRelatedInstances) }
        }
        instanceCount = studyInstances ?? (seriesInstances.isEmpty ? nil : seriesInstances.reduce(0, +))

        patientName = read { () throws(DICOMJSONError) in try study.personNames(.patientName).first }
        patientWeightKg = read { () throws(DICOMJSONError) in try study.decimal(.patientWeight) }
        patientID = study.string(.patientID)
        patientBirthDate = study.string(.patientBirthDate)
        patientSex = study.string(.patientSex)
        accessionNumber = study.string(.accessionNumber)
        studyDate = study.string(.studyDate)
        self.warnings = warnings
    }

    /// A procedure name that is safe for the public ledger: image modalities,
    /// the region and, when known, the contrast, such as "CT HEAD WITHOUT
    /// CONTRAST". It is built only from coded values, never from descriptions.
    public var procedureName: String {
        let images = orderedModalities.filter(Modality.isImage)
        let modality = images.isEmpty ? (orderedModalities.first ?? "UNKNOWN MODALITY") : images.joined(separator: "/")
        var parts = [modality, region.rawValue]
        switch contrast {
        case true?: parts.append("WITH CONTRAST")
        case false?: parts.append("WITHOUT CONTRAST")
        case nil: break
        }
        return parts.joined(separator: " ")
    }

    /// The modality column: "CT/PT", or "CT (+SR,KO,PR)" when non-image objects came with the images.
    public var modalitySummary: String {
        let images = orderedModalities.filter(Modality.isImage)
        let others = orderedModalities.filter { !Modality.isImage($0) }
        if images.isEmpty { return others.isEmpty ? "—" : others.joined(separator: "/") }
        let head = images.joined(separator: "/")
        return others.isEmpty ? head : "\(head) (+\(others.joined(separator: ",")))"
    }

    static func region(bodyParts: Set<String>, descriptions: [String], series: [DICOMDataset], modalities: [String]) -> BodyRegion {
        if let region = BodyRegion.combine(Set(bodyParts.compactMap(BodyRegion.fromBodyPart))) { return region }
        if let region = BodyRegion.combine(Set(descriptions.compactMap(BodyRegion.fromText))) { return region }
        // NOTE: CT scanners name the bow-tie filter after the anatomy it is shaped for
        // ("HEAD FILTER"). Without any other hint, a head filter is taken to mean a head study.
        if series.flatMap({ $0.strings(.filterType) }).contains(where: { $0.uppercased().contains("HEAD") }) { return .head }
        if modalities.contains("MG") { return .breast }
        return .other
    }

    static func contrast(agents: [String], descriptions: [String]) -> Bool? {
        // An empty ContrastBolusAgent (type 2 in some modules) carries no information, so only a named agent counts.
        let named = agents.filter { !["NONE", "NO", "N/A"].contains($0.uppercased()) }
        if !named.isEmpty { return true }
        if agents.contains(where: { ["NONE", "NO"].contains($0.uppercased()) }) { return false }
        for description in descriptions {
            if let found = ContrastWords.contrast(in: description) { return found }
        }
        return nil
    }
}
