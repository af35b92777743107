import Foundation

/// A demo patient: a clinical story and the study it was made for.
public struct DemoPatient: Sendable, Equatable {
    public let key: String
    public let story: String
    public let study: StudyContext
}

/// Generates synthetic FHIR R4 transaction bundles for the demo network.
/// The output is deterministic for a seed and goes through `FHIRReader` like
/// any EMR export. Every name, id and value is invented.
public enum SyntheticHistory {
    public static let demoPatients: [DemoPatient] = [
        DemoPatient(key: "chest-ct-ex-smoker",
                    story: "67-year-old ex-smoker after lobectomy for lung adenocarcinoma, eGFR 48",
                    study: StudyContext(modality: "CT", bodyRegion: "CHEST", contrast: true)),
        DemoPatient(key: "head-ct-fall-apixaban",
                    story: "74-year-old with atrial fibrillation on apixaban, fell yesterday",
                    study: StudyContext(modality: "CT", bodyRegion: "HEAD", contrast: false)),
        DemoPatient(key: "abdomen-us-gallstones",
                    story: "45-year-old with gallstones and right upper quadrant pain, prior appendectomy",
                    study: StudyContext(modality: "US", bodyRegion: "ABDOMEN", contrast: false)),
        DemoPatient(key: "mr-head-pacemaker",
                    story: "58-year-old with a pacemaker and chronic kidney disease stage 3, new headaches",
                    study: StudyContext(modality: "MR", bodyRegion: "HEAD", contrast: true)),
        DemoPatient(key: "ct-abdomen-contrast-allergy",
                    story: "52-year-old with urticaria after iodinated contrast, type 2 diabetes on metformin",
                    study: StudyContext(modality: "CT", bodyRegion: "ABDOMEN", contrast: true)),
    ]

    public enum GeneratorError: Error, CustomStringConvertible {
        case unknownPatient(String)

        public var description: String {
            switch self {
            case let .unknownPatient(key):
                let keys = SyntheticHistory.demoPatients.map(\.key).joined(separator: ", ")
                return "no demo patient '\(key)'; choose one of \(keys)"
            }
        }
    }

    /// The bundle for the demo patient `key`, with dates counted back from
    /// `referenceDay` (YYYY-MM-DD) and ids, names and small variations from `seed`.
    public static func bundle(for key: String, seed: UInt64, referenceDay: String = "2024-06-01") throws -> Data {
        guard demoPatients.contains(where: { $0.key == key }) else { throw GeneratorError.unknownPatient(key) }
        var builder = BundleBuilder(seed: seed ^ stableHash(key), referenceDay: referenceDay)
        switch key {
        case "chest-ct-ex-smoker": builder.chestExSmoker()
        case "head-ct-fall-apixaban": builder.headFallOnApixaban()
        case "abdomen-us-gallstones": builder.abdomenGallstones()
        case "mr-head-pacemaker": builder.headPacemaker()
        default: builder.abdomenContrastAllergy()
        }
        return builder.data()
    }

    /// FNV-1a, so each patient gets its own stream from one seed on every platform.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

/// SplitMix64: small, fast and the same on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
