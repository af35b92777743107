import Foundation
import HilumCore

/// The content of an access grant, sealed to the assigned radiologist or a
/// peer reviewer (and the client): where the study is, how to open it, who
/// referred it and the patient's history, or for a reviewer the signed
/// report. Encoded as JSON inside the sealed box; `version` lets later
/// builds add fields.
public struct GrantPayload: Codable, Sendable, Equatable {
    public struct Credential: Codable, Sendable, Equatable {
        /// "study-token" (an expiring token for this study only), "basic", "bearer" or "none".
        public var kind: String
        public var token: String?
        public var user: String?
        public var password: String?

        public init(kind: String, token: String? = nil, user: String? = nil, password: String? = nil) {
            self.kind = kind
            self.token = token
            self.user = user
            self.password = password
        }
    }

    /// Identifying details the client holds; the radiologist needs them to read.
    public struct Patient: Codable, Sendable, Equatable {
        public var name: String?
        public var patientID: String?
        public var birthDate: String?
        public var sex: String?
        public var accessionNumber: String?
        public var studyDate: String?
        public var studyDescription: String?

        public init(name: String? = nil, patientID: String? = nil, birthDate: String? = nil, sex: String? = nil,
                    accessionNumber: String? = nil, studyDate: String? = nil, studyDescription: String? = nil) {
            self.name = name
            self.patientID = patientID
            self.birthDate = birthDate
            self.sex = sex
            self.accessionNumber = accessionNumber
            self.studyDate = studyDate
            self.studyDescription = studyDescription
        }
    }

    public static let currentVersion = 1

    public var version: Int
    public var studyUID: String
    public var dicomwebURL: String
    public var credential: Credential
    public var viewerURL: String?
    public var clinician: String?
    public var clinicianName: String?
    public var patient: Patient
    /// The patient-history summary as its own JSON document (see HilumHistory).
    public var history: String?
    /// The signed report's text, in a grant to a peer reviewer only. Older
    /// grants lack the key, which decodes as nil.
    public var reportText: String?
    public var expiresAt: Int64

    public init(studyUID: String, dicomwebURL: String, credential: Credential, viewerURL: String? = nil,
                clinician: PublicKey? = nil, clinicianName: String? = nil, patient: Patient, history: String? = nil,
                expiresAt: Int64) {
        version = Self.currentVersion
        self.studyUID = studyUID
        self.dicomwebURL = dicomwebURL
        self.credential = credential
        self.viewerURL = viewerURL
        self.clinician = clinician?.hex
        self.clinicianName = clinicianName
        self.patient = patient
        self.history = history
        self.expiresAt = expiresAt
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }

    public init(decoding bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(GrantPayload.self, from: Data(bytes))
        guard version >= 1 else { throw DecodeError.invalidValue(field: "grant.version", reason: "\(version) is not a grant version") }
    }
}
