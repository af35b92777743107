import Foundation
import HilumReporting

enum TemplateCommands {
    static let importCommand = Command(
        path: ["template", "import"], summary: "check an IHE MRRT report template and add it to this home",
        help: """
        Usage: hilum template import FILE [--lenient] [--home DIR]

        Validates FILE by the IHE MRRT rules (one html root with head and body,
        a title, one meta charset, Dublin Core metadata, one template-attributes
        script, coded terms) and stores it in the home's templates folder, where
        the report editor finds it by modality and body region. Each problem is
        named with its line and the fix; nothing is stored when one is found.

          --lenient   accept templates that lack the MRRT metadata (warnings instead)
        """,
        flags: ["lenient"], options: ["lenient", "home"], run: runImport)

    static let list = Command(
        path: ["template", "list"], summary: "report templates: built in and imported",
        help: """
        Usage: hilum template list [--json] [--home DIR]

        Lists every template the editor can use, with the modalities and body
        regions it is chosen for, built-in ones first, and any stored file that
        no longer imports.
        """,
        flags: ["json"], options: ["json", "home"], run: runList)

    static func runImport(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let path = try positional(&arguments, "FILE", usage: "hilum template import FILE")
        let lenient = arguments.flag("lenient")
        try arguments.rejectUnknown(known: importCommand.options)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read \(path); check the path and its permissions")
        }
        guard let html = String(data: data, encoding: .utf8) else { throw CommandError("\(path) is not UTF-8 text; MRRT templates are UTF-8 HTML") }
        try environment.ensureHome()
        let store = TemplateStore(home: URL(fileURLWithPath: environment.home))
        var importer = TemplateImporter(conformance: lenient ? .lenient : .strict)
        importer.embedResolver = TemplateImporter.directoryResolver(URL(fileURLWithPath: path).deletingLastPathComponent())
        do {
            let replaced = FileManager.default.fileExists(atPath: store.directory.path)
                ? (try? FileManager.default.contentsOfDirectory(atPath: store.directory.path)) ?? [] : []
            let (imported, url) = try store.save(html: html, source: path, importer: importer)
            print("imported \"\(imported.template.title)\" (\(imported.template.allFields.count) fields, "
                  + "\(imported.template.sections.count) sections) to \(url.path)")
            if replaced.contains(url.lastPathComponent) { print("it replaces the earlier import with the same identifier") }
            let catalog = try store.catalog().catalog
            let serves = catalog.entries.filter { $0.template.metadata.identifier == imported.template.metadata.identifier }
            for entry in serves {
                print("it is now the default template for \(entry.modalities.sorted().joined(separator: ",")) "
                      + "\(entry.bodyRegions.sorted().joined(separator: ",")); choose a built-in one with 'hilum report sign --template ID'")
            }
            for warning in imported.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            return 0
        } catch {
            printError("\(error)")
            return 1
        }
    }

    static func runList(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: list.options)
        let (catalog, failures) = try TemplateStore(home: URL(fileURLWithPath: environment.home)).catalog()
        if json {
            printJSON(catalog.entries.map { entry -> [String: Any] in
                ["title": entry.template.title, "identifier": entry.template.metadata.identifier, "built_in": entry.isBuiltIn,
                 "modalities": entry.modalities.sorted(), "body_regions": entry.bodyRegions.sorted(),
                 "fields": entry.template.allFields.count]
            })
        } else {
            for entry in catalog.entries {
                print("\(entry.isBuiltIn ? "built-in" : "imported")  \(entry.template.title)  "
                      + "[\(entry.modalities.sorted().joined(separator: ",")) \(entry.bodyRegions.sorted().joined(separator: ","))]  "
                      + "\(entry.template.allFields.count) fields")
            }
        }
        for failure in failures { printError("\(failure.file.path) no longer imports: \(failure.error)") }
        return 0
    }
}
