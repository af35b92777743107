import Foundation
import HilumCore
import HilumReporting
import HilumTerminal
import HilumWorklist

/// Critical results and decision support in the report editor: flagging a
/// critical or urgent finding with its message to the referring clinician,
/// and the Fleischner recommendation for the values typed so far.
extension WorklistApp {
    /// The levels the editor offers, by the key typed in the level dialog.
    static let criticalLevels: [(key: String, category: CriticalCategory)] = [("c", .red), ("u", .orange)]

    /// Asks for the level of the critical result to flag, or `-` to remove the flagged one.
    func beginCriticalFlag() -> Redraw {
        guard let editor else { return .none }
        do {
            guard try store.hasClinician(editor.caseID) else {
                show("This case names no referring clinician to notify; call the client and record the call in the report", .warning)
                return .status
            }
        } catch {
            show("Cannot read the case: \(error)", .error)
            return .status
        }
        overlay = .dialog(.prompt("Critical result", message: criticalLevelQuestion(), label: "Level",
                                  text: editor.critical.map { $0.category == .red ? "c" : "u" } ?? ""), .criticalLevel)
        return .all
    }

    private func criticalLevelQuestion(invalid: String? = nil) -> String {
        let choices = Self.criticalLevels.map { level in
            "\(level.key) \(level.category.level) (acknowledged within \(deadlineText(level.category)))"
        }.joined(separator: ", ")
        let removal = editor?.critical == nil ? "" : ", or - to remove the flagged result"
        let prefix = invalid.map { "\"\($0)\" is not a level. " } ?? ""
        return prefix + "Type \(choices)\(removal):"
    }

    private func deadlineText(_ category: CriticalCategory) -> String {
        countdown(until: Int64(acknowledgmentMinutes(category)) * 60_000, now: 0)
    }

    /// Returns the configured acknowledgment deadline of `category` in minutes.
    func acknowledgmentMinutes(_ category: CriticalCategory) -> UInt32 {
        category == .red ? criticalDeadlines.criticalMinutes : criticalDeadlines.urgentMinutes
    }

    /// Reads the typed level, then prompts for the message, or removes the flag on `-`.
    func answerCriticalLevel(_ text: String) -> Redraw {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if typed == "-", editor?.critical != nil {
            editor?.critical = nil
            saveCritical()
            show("Critical result removed")
            return .all
        }
        guard let level = Self.criticalLevels.first(where: { $0.key == typed || $0.category.level == typed }) else {
            overlay = .dialog(.prompt("Critical result", message: criticalLevelQuestion(invalid: typed), label: "Level"), .criticalLevel)
            return .overlay
        }
        overlay = .dialog(.prompt("Critical result", message: "Message for the referring clinician, sealed to them and you:",
                                  label: "Message", text: editor?.critical?.message ?? ""), .criticalMessage(level.category))
        return .overlay
    }

    /// Flags the result with the typed message. An empty message prompts again.
    func answerCriticalMessage(_ text: String, category: CriticalCategory) -> Redraw {
        let message = text.trimmingCharacters(in: .whitespaces)
        guard !message.isEmpty else {
            overlay = .dialog(.prompt("Critical result", message: "The message is empty. Message for the referring clinician:",
                                      label: "Message"), .criticalMessage(category))
            return .overlay
        }
        editor?.critical = CriticalFlag(category: category, message: message, acknowledgeWithinMinutes: acknowledgmentMinutes(category))
        saveCritical()
        show("Flagged \(category.level): sent to the clinician when you sign, to acknowledge within \(deadlineText(category))", .success)
        return .all
    }

    private func saveCritical() {
        guard let editor, let drafts else { return }
        do {
            try drafts.saveCritical(editor.critical, for: editor.caseID)
            services.log("critical result \(editor.critical == nil ? "removed from" : "flagged in") the draft of case \(editor.caseID.short)")
        } catch {
            show("Critical result not saved: \(error)", .error)
            services.log("error: saving the critical result of case \(editor.caseID.short) failed")
        }
    }

    /// Recomputes the Fleischner recommendation shown above the fields.
    func updateGuidance() {
        guard let editor else { return }
        let signedAt = Date(timeIntervalSince1970: Double(now) / 1000)
        self.editor?.guidance = switch FleischnerRecommender.recommend(editor.filled, patient: editor.patient, signedAt: signedAt) {
        case .noNodule: nil
        case .incomplete(let missing): "Fleischner 2017 needs " + missing.joined(separator: ", ")
        case .notApplicable(let reason, let instead): "Fleischner 2017 does not apply: \(reason). \(instead)"
        case .recommendation(let recommendation): recommendation.text
        }
    }
}
