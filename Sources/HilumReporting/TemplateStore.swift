import Foundation

/// A directory of imported MRRT templates, one `<identifier>.html` file
/// each, normally `<home>/templates/`. Templates are stored as the HTML
/// they were imported from, so a later importer version reads them afresh.
public struct TemplateStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Creates the store under a Hilum home directory.
    public init(home: URL) {
        self.init(directory: home.appendingPathComponent("templates", isDirectory: true))
    }

    /// Returns the file name for a template identifier. Characters other than
    /// letters, digits, ".", "-" and "_" become "_", so an identifier that is
    /// a URL or contains "/" cannot leave the directory.
    public static func fileName(for identifier: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        var name = String(identifier.map { allowed.contains($0) ? $0 : "_" })
        while name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return (name.isEmpty ? "template" : name) + ".html"
    }

    /// Checks `html` with `importer` and writes it atomically as the
    /// template's file, replacing an earlier version.
    /// - Returns: the imported template and the file it was written to.
    @discardableResult
    public func save(html: String, source: String = "the template", importer: TemplateImporter = TemplateImporter()) throws
        -> (ImportedTemplate, URL) {
        let imported = try importer.importTemplate(html: html, source: source)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(Self.fileName(for: imported.template.id))
        try Data(html.utf8).write(to: url, options: .atomic)
        return (imported, url)
    }

    /// Imports every `.html` file in the directory. Files that fail are
    /// returned with their errors rather than stopping the others, and a missing
    /// directory yields no templates.
    public func loadAll(importer: TemplateImporter = TemplateImporter())
        -> (templates: [ImportedTemplate], failures: [(file: URL, error: any Error)]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return ([], []) }
        var templates: [ImportedTemplate] = []
        var failures: [(file: URL, error: any Error)] = []
        var withEmbeds = importer
        withEmbeds.embedResolver = importer.embedResolver ?? TemplateImporter.directoryResolver(directory)
        for name in names.sorted() where name.lowercased().hasSuffix(".html") {
            let url = directory.appendingPathComponent(name)
            do {
                templates.append(try withEmbeds.importTemplate(contentsOf: url))
            } catch {
                failures.append((url, error))
            }
        }
        return (templates, failures)
    }

    /// Returns a catalog of the built-in templates plus every stored top-level template.
    public func catalog(importer: TemplateImporter = TemplateImporter()) throws
        -> (catalog: TemplateCatalog, failures: [(file: URL, error: any Error)]) {
        var catalog = try TemplateCatalog.builtIn()
        let loaded = loadAll(importer: importer)
        for imported in loaded.templates where imported.template.metadata.isTopLevel {
            catalog.add(imported.template)
        }
        return (catalog, loaded.failures)
    }
}
