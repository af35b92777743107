import Foundation
import HilumCore
import HilumHistory
import HilumReporting
import HilumTerminal
import HilumWorklist

/// The report editor inside the worklist: opening a case's report, saving
/// its draft on every change, and signing it.
extension WorklistApp {
    static func reportSetup(store: WorklistStore, home: String?)
        -> (drafts: ReportDraftStore?, catalog: TemplateCatalog, macros: ReportMacros, problems: [String]) {
        var problems: [String] = []
        var catalog = (try? TemplateCatalog.builtIn()) ?? TemplateCatalog()
        var macros = ReportMacros()
        guard let home else { return (nil, catalog, macros, problems) }
        do {
            let loaded = try TemplateStore(home: URL(fileURLWithPath: home)).catalog()
            catalog = loaded.catalog
            if let failure = loaded.failures.first {
                problems.append("Template \(failure.file.lastPathComponent) not loaded: \(failure.error)")
            }
        } catch {
            problems.append("Cannot read the templates in \(home): \(error)")
        }
        let macroPath = home + "/macros"
        if let data = FileManager.default.contents(atPath: macroPath) {
            do {
                macros = try ReportMacros(text: String(decoding: data, as: UTF8.self), file: macroPath)
            } catch {
                problems.append("Macros not loaded, built-in ones only: \(error)")
            }
        }
        return (store.draftStore(home: home), catalog, macros, problems)
    }

    /// Opens the report of a case assigned to this radiologist, from its draft when there is one.
    func openReport(_ caseID: EventID) -> Redraw {
        guard let row = reading.rows.first(where: { $0.caseID == caseID }) else {
            show("Only cases assigned to you (To read, 2) take a report", .warning)
            return .status
        }
        guard row.status != .signed else {
            show("This case is signed; file an addendum with 'hilum report addendum'", .warning)
            return .status
        }
        if caseScreen.caseID != caseID || caseScreen.detail == nil { load(caseID) }
        guard let detail = caseScreen.detail, detail.caseID == caseID else { return .all }
        let candidates = catalog.candidates(modality: detail.modality, bodyRegion: detail.region).map(\.template)
        guard !candidates.isEmpty else {
            show("No template matches \(detail.modality) \(detail.region); add one with 'hilum template add'", .error)
            return .status
        }
        let history = detail.history.map(Self.historyText)
        do {
            if let draft = try drafts?.load(caseID) {
                editor = try ReportEditor(caseID: caseID, candidates: candidates, macros: macros, history: history, draft: draft)
                show("Draft restored", .success)
            } else {
                editor = ReportEditor(caseID: caseID, candidates: candidates, macros: macros, history: history)
                show("Tab moves between fields; ctrl-s signs; Esc closes (the draft is kept)")
            }
        } catch {
            show("Cannot restore the draft: \(error)", .error)
            services.log("error: restoring the draft of case \(caseID.short) failed")
            return .all
        }
        editor?.patient = store.patientFactors(caseID)
        do {
            editor?.critical = try drafts?.loadCritical(caseID)
        } catch {
            show("\(error)", .error)
            services.log("error: restoring the critical result of case \(caseID.short) failed")
        }
        updateGuidance()
        if !opened.contains(caseID) { opened.insert(caseID) }
        services.log("report editor opened for case \(caseID.short)")
        screen = .caseDetail
        return .all
    }

    /// The history summary as one paragraph for an indication field.
    static func historyText(_ summary: HistorySummary) -> String {
        summary.sections.compactMap { section -> String? in
            let items = section.items.map { [$0.text, $0.value].compactMap { $0 }.joined(separator: " ") }
            return items.isEmpty ? nil : section.heading + ": " + items.joined(separator: "; ")
        }.joined(separator: ". ")
    }

    /// Sends a key to the editor. Keys it does not use fall through to the
    /// commands only when they cannot be typing (Esc, ctrl, alt, F-keys).
    func editReport(_ key: Key) -> Redraw? {
        guard screen == .caseDetail, editor != nil else { return nil }
        let outcome = editor!.handle(key)
        switch outcome {
        case .changed:
            saveDraft()
            updateGuidance()
            return [.body, .status]
        case .moved:
            return .body
        case .ignored:
            switch key {
            case .escape, .control, .alt, .function: return nil
            default: return Redraw.none
            }
        }
    }

    func saveDraft() {
        guard let editor, let drafts else { return }
        do {
            try drafts.save(editor.filled.document(), for: editor.caseID)
            if !draftCases.contains(editor.caseID) {
                draftCases.insert(editor.caseID)
                services.log("draft started for case \(editor.caseID.short)")
                reading.load(try store.toRead(now: now, drafts: draftCases, opened: opened))
            }
        } catch {
            show("Draft not saved: \(error)", .error)
            services.log("error: saving the draft of case \(editor.caseID.short) failed")
        }
    }

    func switchTemplate() -> Redraw {
        guard editor != nil else { return .none }
        if editor!.nextTemplate() == .ignored {
            show("Only one template fits this case")
            return .status
        }
        saveDraft()
        updateGuidance()
        show("Template: \(editor!.template.title)")
        return .all
    }

    /// Runs the checks; blocked checks are listed, warnings ask for a reason, else signing is confirmed.
    func beginSigning() -> Redraw {
        guard let editor else { return .none }
        if let (id, error) = editor.errors.first {
            let label = editor.template.field(id)?.label ?? id
            show("Fix \(label) first: \(error)", .error)
            return .status
        }
        let findings = checkFindings(editor)
        let blocks = findings.filter { $0.severity == .block }
        let warnings = findings.filter { $0.severity == .warn }
        if !blocks.isEmpty {
            let list = blocks.map { "\($0.checkID): \($0.message)" }.joined(separator: "\n")
            overlay = .dialog(.confirm("Cannot sign", message: "Fix these first:\n" + list, yes: "OK", no: "Close", yesFocused: true),
                              .signBlocked)
        } else if !warnings.isEmpty {
            let list = warnings.map { "\($0.checkID): \($0.message)" }.joined(separator: "\n")
            overlay = .dialog(.prompt("Warnings", message: list + "\nType a reason to sign anyway, or Esc to go back and fix:",
                                      label: "Reason"), .signOverride(warnings))
        } else {
            overlay = .dialog(.confirm("Sign", message: "Sign the report and seal it to the client, the clinician and you?",
                                       yes: "Sign", no: "Cancel", yesFocused: true), .sign([]))
        }
        return .all
    }

    func checkFindings(_ editor: ReportEditor) -> [ReportCheckFinding] {
        var filled = editor.filled
        let recommendations = (try? ReportSigning.recommend(&filled, patient: editor.patient, at: now))?.recommendations ?? []
        let critical = editor.critical.map { [$0.communication(recipientName: "-", at: now)] } ?? []
        return ReportChecks.run(ReportCheckInput(filled: filled, recommendations: recommendations, criticalResults: critical))
    }

    /// Signs and seals the report, deletes the draft and shows To read.
    func sign(overrides: [CheckOverride]) -> Redraw {
        guard let editor else { return .none }
        let caseID = editor.caseID
        do {
            var filled = editor.filled
            let (recommendations, _) = try ReportSigning.recommend(&filled, patient: editor.patient, at: now)
            let signed = try store.signReport(caseID, filled: filled, recommendations: recommendations, critical: editor.critical,
                                              overrides: overrides, at: services.now())
            services.log("report \(signed.report.id.short) signed on case \(caseID.short) with \(overrides.count) override(s)")
            do {
                try drafts?.delete(caseID)
            } catch {
                services.log("error: deleting the draft of case \(caseID.short) failed")
            }
            draftCases.remove(caseID)
            self.editor = nil
            reload()
            screen = .toRead
            listScreen = .toRead
            let followUps = signed.followUps.isEmpty ? "" : "; \(signed.followUps.count) follow-up recommended"
            let critical = signed.critical == nil ? "" : "; critical result sent"
            show("Report signed and sealed\(followUps)\(critical)", .success)
        } catch {
            services.log("report on case \(caseID.short) rejected: \(error)")
            show("Not signed: \(error)", .error)
        }
        return .all
    }
}
