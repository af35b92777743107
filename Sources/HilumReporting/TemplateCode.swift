/// A coded concept from a terminology, such as RadLex `RID1243` "thorax" or
/// LOINC `55752-0` "Clinical information". `scheme` is the coding scheme's
/// name as the template declares it (RADLEX, RadLex, LOINC, SNOMEDCT).
public struct TemplateCode: Codable, Sendable, Hashable {
    public var scheme: String
    public var value: String
    public var meaning: String

    public init(scheme: String, value: String, meaning: String) {
        self.scheme = scheme
        self.value = value
        self.meaning = meaning
    }
}

/// A coding scheme declared in a template's `coding_schemes`: its name and
/// its OID (for example RadLex, 2.16.840.1.113883.6.256).
public struct CodingScheme: Codable, Sendable, Hashable {
    public var name: String
    public var designator: String

    public init(name: String, designator: String) {
        self.name = name
        self.designator = designator
    }
}

/// A template-level term: what the template applies to, such as the
/// modality or a body part. `type` is the term's optional type attribute.
public struct TemplateTerm: Codable, Sendable, Hashable {
    public var type: String?
    public var code: TemplateCode

    public init(type: String? = nil, code: TemplateCode) {
        self.type = type
        self.code = code
    }
}
