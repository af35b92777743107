import HilumReporting
import HilumTerminal
import HilumVoice

/// Push-to-talk in the worklist and the report editor: pressing the key,
/// and carrying out what was heard. Signing by voice opens the same sign
/// dialog as ctrl-s, which saying "sign report" again (or the dialog's
/// keys) confirms. "accept" does not sign: in the benchmark's unrelated
/// speech, "okay" was heard as "accept".
extension WorklistApp {
    func pressToTalk(free: Bool) -> Redraw {
        guard let voice else { return .none }
        // Over a dialog only commands apply ("sign report", "cancel").
        var template = editor?.template
        if case .dialog = overlay { template = nil }
        switch voice.press(template: template, free: free) {
        case .listening:
            show("Listening… press \(keyName(free ? .dictate : .talk)) again to stop", .warning)
        case .decoding(let what):
            show("Decoding \(what)…")
        case .unavailable(let reason):
            show("Voice: \(reason)", .error)
        }
        return .status
    }

    func handleVoice(_ message: VoiceMessage) -> Redraw {
        switch message {
        case .ready:
            voiceReady = true
            services.log("voice model loaded")
            return .hints
        case .failed(let reason):
            show("Voice: \(reason)", .error)
            services.log("voice failed: \(reason)")
            return .status
        case .heard(let result, let free):
            let margin = result.scoreMargin.isFinite ? String(Int(result.scoreMargin)) : "none"
            switch result.outcome {
            case .rejected(let reason):
                services.log("voice: utterance rejected (margin \(margin), \(Int(result.decodeMilliseconds)) ms)")
                show("Voice: \(reason); nothing was done. Speak again (\(keyName(free ? .dictate : .talk))).", .warning)
                return .status
            case .command(let command):
                services.log("voice: command \(Self.logName(command)) (margin \(margin), \(Int(result.decodeMilliseconds)) ms)")
                show("")
                let redraw = perform(command)
                showHeard(command)
                return redraw.union(.status)
            case .fills(let fills):
                services.log("voice: \(fills.count) field(s) filled (margin \(margin), \(Int(result.decodeMilliseconds)) ms)")
                return applyFills(fills)
            case .text(let text):
                services.log("voice: free dictation of \(text.split(separator: " ").count) word(s)")
                guard editor != nil, editor!.insertText(text) == .changed else {
                    show("Voice: free text goes into a text field; move to one with Tab", .warning)
                    return .status
                }
                saveDraft()
                show("Voice (experimental free dictation): text added; check it", .success)
                return [.body, .status]
            }
        }
    }

    /// Puts the command that was heard in front of the status message that
    /// carrying it out left, so that every command run by voice leaves a
    /// visible trace, including those that open a report or sign.
    private func showHeard(_ command: VoiceCommand) {
        let heard = "Heard \"\(Self.logName(command))\""
        let detail = message.hasPrefix("Voice: ") ? String(message.dropFirst("Voice: ".count)) : message
        show(detail.isEmpty ? heard : "\(heard): \(detail)", detail.isEmpty ? .statusMessage : messageRole)
    }

    /// Carries out `command`. The status message it leaves describes what
    /// happened, and `showHeard` adds what was heard.
    private func perform(_ command: VoiceCommand) -> Redraw {
        if case .dialog(_, let purpose) = overlay {
            return answerByVoice(command, purpose: purpose)
        }
        if command == .openNextCase { return openNextCase() }
        guard editor != nil else {
            show("Voice: \"\(Self.logName(command))\" works in the report editor; open a report first (e)", .warning)
            return .status
        }
        let outcome: ReportEditor.Outcome
        switch command {
        case .nextField: outcome = editor!.moveFocus(by: 1)
        case .previousField: outcome = editor!.moveFocus(by: -1)
        case .findings: outcome = editor!.focusSection(named: "findings")
        case .impression: outcome = editor!.focusSection(named: "impression")
        case .saveDraft:
            saveDraft()
            show(drafts == nil ? "Voice: no home, so no draft is kept" : "Voice: draft saved", .success)
            return .status
        case .signReport:
            return beginSigning()
        case .insertMacro(let shortcut):
            guard let text = macros.expansions[shortcut] else { return .none }
            outcome = editor!.insertText(text)
            if outcome == .ignored {
                show("Voice: macros go into a text field; move to one with Tab", .warning)
                return .status
            }
        case .accept, .cancel:
            show("Voice: nothing to \(command == .accept ? "accept" : "cancel")")
            return .status
        case .openNextCase:
            return .none
        }
        if outcome == .changed { saveDraft() }
        if outcome == .ignored { show("Voice: the template has no such field") }
        return [.body, .status]
    }

    /// Answers a dialog by voice: "sign report" a second time confirms the
    /// sign dialog, and "cancel" closes any dialog. Voice never confirms other dialogs (bids, quitting),
    /// which need keys.
    private func answerByVoice(_ command: VoiceCommand, purpose: DialogPurpose) -> Redraw {
        switch (command, purpose) {
        case (.signReport, .sign(let overrides)):
            overlay = .none
            return sign(overrides: overrides)
        case (.accept, .sign):
            show("Voice: say \"sign report\" again to sign, or press Enter; \"accept\" does not sign", .warning)
            return .status
        case (.cancel, _):
            overlay = .none
            show("Voice: cancelled")
            return .all
        case (.signReport, .signOverride), (.accept, .signOverride):
            show("Voice: type the reason for overriding the warnings, then Enter", .warning)
            return .status
        default:
            show("Voice: answer this dialog with its keys, or say \"cancel\"", .warning)
            return .status
        }
    }

    private func applyFills(_ fills: [StructuredFill]) -> Redraw {
        guard editor != nil else {
            show("Voice: findings go into a report; open one first (e)", .warning)
            return .status
        }
        var labels: [String] = []
        for fill in fills where editor!.apply(fill) == .changed {
            labels.append(editor!.template.field(fill.fieldID)?.label ?? fill.fieldID)
        }
        guard !labels.isEmpty else {
            show("Voice: this template has no field for what was heard", .warning)
            return .status
        }
        saveDraft()
        show("Voice: filled " + labels.joined(separator: ", "), .success)
        return [.body, .status]
    }

    /// Opens the report of the first unsigned case in To read after the one
    /// being edited (or the first one).
    private func openNextCase() -> Redraw {
        let unsigned = reading.rows.filter { $0.status != .signed }
        let current = editor?.caseID ?? caseScreen.caseID
        let start = current.flatMap { id in unsigned.firstIndex { $0.caseID == id } }.map { $0 + 1 } ?? 0
        guard start < unsigned.count else {
            show("Voice: no further unsigned case in To read")
            return .status
        }
        editor = nil
        return openReport(unsigned[start].caseID)
    }

    private func keyName(_ id: CommandID) -> String {
        keymap.keys(for: id).first.map(\.label) ?? ":\(id)"
    }

    static func logName(_ command: VoiceCommand) -> String {
        switch command {
        case .nextField: "next field"
        case .previousField: "previous field"
        case .findings: "findings"
        case .impression: "impression"
        case .saveDraft: "save draft"
        case .signReport: "sign report"
        case .openNextCase: "open next case"
        case .insertMacro(let shortcut): "insert macro \(shortcut)"
        case .accept: "accept"
        case .cancel: "cancel"
        }
    }
}

extension WorklistApp {
    /// Push-to-talk with this app's macros, and free dictation built from
    /// its templates and macros.
    public func makeVoiceInput(source: VoiceInput.Source, queue: EventQueue<WorklistMessage>) -> VoiceInput {
        let corpus = VoicePhraseSets.dictationCorpus(templates: catalog.entries.map(\.template), macroTexts: Array(macros.expansions.values))
        return VoiceInput(source: source, macroShortcuts: Array(macros.expansions.keys), corpus: corpus, queue: queue)
    }
}
