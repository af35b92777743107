import Foundation
import HilumHistory

/// Posts the demo archive's studies with `hilum client post --dicomweb`, each in
/// a child process as a client would run it, so the postings carry what
/// QIDO-RS returns for the real studies. Then it assigns some of them to the
/// demo radiologist with `hilum client assign`, whose grants carry the relay's
/// URL and a study token.
enum DemoArchivePostings {
    /// A pydicom-data study and the terms the demo client posts it with.
    struct Sample {
        let name: String
        let kind: String
        let priority: String
        let deadline: String
        let price: String
        /// The synthetic patient record assigned with it; nil leaves the case on the market.
        let history: String?
    }

    static let samples = [
        Sample(name: "RG1_UNCR.dcm", kind: "chest radiograph", priority: "routine", deadline: "24h", price: "40", history: "chest-ct-ex-smoker"),
        Sample(name: "693_UNCI.dcm", kind: "head CT", priority: "stat", deadline: "1h", price: "65", history: "head-ct-fall-apixaban"),
        Sample(name: "explicit_VR-UN.dcm", kind: "abdominal CT", priority: "urgent", deadline: "6h", price: "70",
               history: "ct-abdomen-contrast-allergy"),
        Sample(name: "MR2_UNCR.dcm", kind: "MR", priority: "routine", deadline: "2d", price: "95", history: nil),
    ]

    /// The poster, assignee and referrer of the demo studies, by home and display name, and the files they use.
    struct Parties {
        let clientHome: String
        let jurisdiction: String
        let radiologist: String
        let clinician: String
        let passphraseFile: String
        let secretPath: String
    }

    /// Posts every study through `dicomwebURL` and assigns those with a history.
    /// Returns the case ids in `samples` order.
    static func post(_ studies: [DemoArchive.Study], dicomwebURL: String, parties: Parties, scratch: String) throws -> [String] {
        var cases: [String] = []
        for (sample, study) in zip(samples, studies) {
            let output = try run(["client", "post", "--dicomweb", dicomwebURL, "--study", study.studyUID, "--priority", sample.priority,
                                  "--deadline", sample.deadline, "--price", sample.price, "--jurisdiction", parties.jurisdiction,
                                  "--token-secret", parties.secretPath, "--home", parties.clientHome],
                                 what: "posting the \(sample.kind) \(sample.name)", parties: parties, scratch: scratch)
            guard let match = output.firstMatch(of: /posted case ([0-9a-f]{64}):/) else {
                throw CommandError("'hilum client post' printed no case id for \(sample.name): \(output)")
            }
            cases.append(String(match.1))
        }

        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        for (index, (sample, caseID)) in zip(samples, cases).enumerated() {
            guard let key = sample.history else { continue }
            // The client's EMR export for this patient, removed once summarised into the grant.
            let bundlePath = parties.clientHome + "/fhir-\(index).json"
            try SyntheticHistory.bundle(for: key, seed: UInt64(index), referenceDay: today).write(to: URL(fileURLWithPath: bundlePath))
            defer { try? FileManager.default.removeItem(atPath: bundlePath) }
            _ = try run(["client", "assign", caseID, "--to", parties.radiologist, "--clinician", parties.clinician, "--fhir", bundlePath,
                         "--home", parties.clientHome],
                        what: "assigning the \(sample.kind) to \(parties.radiologist)", parties: parties, scratch: scratch)
        }
        return cases
    }

    /// Runs `hilum ARGUMENTS` as a child process and returns its standard output.
    private static func run(_ arguments: [String], what: String, parties: Parties, scratch: String) throws -> String {
        let child = try ChildProcess(arguments, environment: ["HILUM_PASSPHRASE_FILE": parties.passphraseFile],
                                     outputPath: scratch + "/client.out", errorPath: scratch + "/client.err")
        let status = child.wait()
        guard status == 0 else {
            throw CommandError("\(what) failed: 'hilum \(arguments.prefix(2).joined(separator: " "))' exited with status \(status):\n\(child.errorTail)")
        }
        return child.standardOutput
    }
}
