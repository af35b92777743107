import HilumCore
import HilumLedger
import HilumTerminal
import HilumWorklist

/// The Feedback screen's actions: reading the threads, replying sealed to the
/// clinician, filing an addendum with a reply that points to it, and keeping
/// unsent text as an encrypted draft.
extension WorklistApp {
    /// Reads and decrypts the threads into the Feedback screen.
    func loadFeedback() {
        do {
            let threads = try store.feedbackThreads()
            feedback.drafted = Set(threads.map(\.id).filter(hasFeedbackDraft))
            feedback.show(threads, overdueAfter: feedbackOverdueMilliseconds, now: now)
        } catch {
            feedback.showFailure("Cannot read the feedback: \(error)")
            services.log("error: reading feedback threads failed: \(error)")
        }
    }

    /// Cursor keys move through the threads; page keys scroll the selected thread.
    func navigateFeedback(_ id: CommandID) -> Bool {
        if id == .pageUp || id == .pageDown {
            return feedback.pane.perform(id == .pageUp ? .cursorUp : .cursorDown)
        }
        let before = feedback.selected?.id
        guard feedback.table.perform(id) else { return false }
        if feedback.selected?.id != before { feedback.refreshPane(overdueAfter: feedbackOverdueMilliseconds, now: now) }
        return true
    }

    /// Opens the reply prompt for the selected thread, with its draft if any.
    func beginReply() -> Redraw {
        guard let thread = feedback.selected else { return .none }
        let draft = loadFeedbackDraft(.reply, for: thread.id)
        let question = thread.message.map { "\"\(TextLayout.truncate($0.replacingOccurrences(of: "\n", with: " "), to: 120))\"\n" } ?? ""
        overlay = .dialog(Self.longPrompt("Reply to \(thread.clinicianName)",
                                          message: question + "Sealed to \(thread.clinicianName) and you. Enter sends; Esc keeps a draft.",
                                          label: "Reply", text: draft ?? ""), .reply(thread))
        return .all
    }

    /// Opens the addendum prompt: on Enter the addendum is signed and a reply naming it goes out.
    func beginAddendum() -> Redraw {
        guard let thread = feedback.selected else { return .none }
        let draft = loadFeedbackDraft(.addendum, for: thread.id)
        overlay = .dialog(Self.longPrompt("Addendum to \(thread.modality) \(thread.region)",
                                          message: "Signed and sealed to the client, \(thread.clinicianName) and you; "
                                              + "a reply pointing to it goes to \(thread.clinicianName). Enter signs; Esc keeps a draft.",
                                          label: "Addendum", text: draft ?? ""), .addendum(thread))
        return .all
    }

    /// Returns a one-line prompt that accepts ten times the longest reply the
    /// store accepts, so that an overlong paste is rejected with its length
    /// and kept as a draft instead of being cut short and sent.
    static func longPrompt(_ title: String, message: String, label: String, text: String) -> Dialog {
        Dialog(title: title, message: message,
               kind: .prompt(label: label, field: TextField(text, maximumLength: 10 * WorklistStore.maxReplyCharacters), secret: false))
    }

    /// Saves the text of an open reply or addendum prompt after each key.
    func saveFeedbackDraft(_ dialog: Dialog, for purpose: DialogPurpose) {
        guard case .prompt(_, let field, _) = dialog.kind else { return }
        switch purpose {
        case .reply(let thread): saveFeedbackDraft(field.text, .reply, for: thread.id)
        case .addendum(let thread): saveFeedbackDraft(field.text, .addendum, for: thread.id)
        default: break
        }
    }

    /// Sends the reply or files the addendum; nil for other dialogs.
    func answerFeedback(_ outcome: Dialog.Outcome, to purpose: DialogPurpose) -> Redraw? {
        let thread: FeedbackThread
        let kind: ReplyDraftStore.Kind
        switch purpose {
        case .reply(let target): (thread, kind) = (target, .reply)
        case .addendum(let target): (thread, kind) = (target, .addendum)
        default: return nil
        }
        guard case .submitted(let text) = outcome else {
            let kept = hasFeedbackDraft(thread.id)
            show(kept ? "The \(kind.rawValue) is kept as a draft" : "Cancelled")
            loadFeedback()
            return .all
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            show("The \(kind.rawValue) is empty; type its text, or Esc to go back", .warning)
            return kind == .reply ? beginReply() : beginAddendum()
        }
        if kind == .reply {
            sendReply(text, to: thread)
        } else {
            fileAddendumAndReply(text, to: thread)
        }
        loadFeedback()
        return .all
    }

    private func sendReply(_ text: String, to thread: FeedbackThread) {
        do {
            let event = try store.reply(to: thread.id, text: text)
            deleteFeedbackDraft(.reply, for: thread.id)
            services.log("reply \(event.id.short) published on feedback \(thread.id.short)")
            show("Reply sealed and sent to \(thread.clinicianName)", .success)
        } catch {
            services.log("reply on feedback \(thread.id.short) rejected: \(error)")
            show("Reply not sent, the draft is kept: \(error)", .error)
        }
    }

    private func fileAddendumAndReply(_ text: String, to thread: FeedbackThread) {
        let addendum: VerifiedEvent
        do {
            addendum = try store.fileAddendum(for: thread.id, text: text, at: services.now())
            deleteFeedbackDraft(.addendum, for: thread.id)
            services.log("addendum \(addendum.id.short) published on report \(thread.reportID.short)")
        } catch {
            services.log("addendum on report \(thread.reportID.short) rejected: \(error)")
            show("Addendum not filed, the draft is kept: \(error)", .error)
            return
        }
        let reply = "I filed an addendum to the report: " + text.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let event = try store.reply(to: thread.id, text: String(reply.prefix(WorklistStore.maxReplyCharacters)), addendum: addendum.id)
            services.log("reply \(event.id.short) published on feedback \(thread.id.short) with addendum \(addendum.id.short)")
            show("Addendum filed and \(thread.clinicianName) told", .success)
        } catch {
            // The addendum is on the ledger; keep the reply so that sending it again is one key away.
            saveFeedbackDraft(String(reply.prefix(WorklistStore.maxReplyCharacters)), .reply, for: thread.id)
            services.log("reply on feedback \(thread.id.short) rejected after addendum \(addendum.id.short): \(error)")
            show("Addendum filed; the reply failed and is kept as a draft: \(error)", .error)
        }
    }

    // MARK: - Drafts

    private func hasFeedbackDraft(_ id: EventID) -> Bool {
        guard let replyDrafts else { return false }
        return replyDrafts.contains(.reply, for: id) || replyDrafts.contains(.addendum, for: id)
    }

    private func loadFeedbackDraft(_ kind: ReplyDraftStore.Kind, for id: EventID) -> String? {
        do {
            return try replyDrafts?.load(kind, for: id)
        } catch {
            show("Cannot restore the draft: \(error)", .error)
            services.log("error: restoring the \(kind.rawValue) draft of feedback \(id.short) failed")
            return nil
        }
    }

    private func saveFeedbackDraft(_ text: String, _ kind: ReplyDraftStore.Kind, for id: EventID) {
        do {
            try replyDrafts?.save(text, kind: kind, for: id)
        } catch {
            show("Draft not saved: \(error)", .error)
            services.log("error: saving the \(kind.rawValue) draft of feedback \(id.short) failed")
        }
    }

    private func deleteFeedbackDraft(_ kind: ReplyDraftStore.Kind, for id: EventID) {
        do {
            try replyDrafts?.delete(kind, for: id)
        } catch {
            services.log("error: deleting the \(kind.rawValue) draft of feedback \(id.short) failed")
        }
    }
}
