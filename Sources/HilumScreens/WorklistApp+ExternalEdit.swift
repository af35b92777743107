import Foundation
import HilumCore
import HilumReporting
import HilumTerminal
import HilumWorklist

/// Editing a report's text field in `$VISUAL` or `$EDITOR`: the field's text
/// goes to a file in the home's drafts directory, the session hands the
/// terminal to the editor, and the file's text comes back into the field.
extension WorklistApp {
    func beginExternalEdit() -> Redraw {
        guard let editor, let field = editor.focusedField, let command = externalEditor, let drafts else { return .none }
        switch field.kind {
        case .text, .textarea:
            break
        default:
            show("Only text fields open in the editor; \(field.label) is a \(field.kind.name) field", .warning)
            return .status
        }
        // NOTE: the field's text, which may contain patient data, is unencrypted in this file
        // while the editor runs. The file is created 0600 in the drafts directory and removed after.
        let path = drafts.directory + "/.edit-" + editor.caseID.hex + ".txt"
        do {
            try FileManager.default.createDirectory(atPath: drafts.directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: path, contents: Data(editor.displayText(field).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw WorklistError("cannot create \(path)")
            }
        } catch {
            show("Cannot start the editor: \(error)", .error)
            return .status
        }
        externalEdit = (ExternalProgram(command: command, file: path), editor.caseID, field.id)
        externalEditWaiting = true
        return .none
    }

    public func takeExternalProgram() -> ExternalProgram? {
        guard externalEditWaiting, let externalEdit else { return nil }
        externalEditWaiting = false
        services.log("external editor started for case \(externalEdit.caseID.short)")
        return externalEdit.program
    }

    public func externalProgramFinished(_ program: ExternalProgram, status: Int32) -> Redraw {
        guard let edit = externalEdit, edit.program == program else { return .none }
        externalEdit = nil
        defer { try? FileManager.default.removeItem(atPath: program.file) }
        guard status == 0 else {
            show("The editor exited with status \(status); the field is unchanged", .warning)
            services.log("external editor for case \(edit.caseID.short) exited with status \(status)")
            return .all
        }
        guard editor?.caseID == edit.caseID, let data = FileManager.default.contents(atPath: program.file) else {
            show("The edited text could not be read back; the field is unchanged", .error)
            return .all
        }
        if editor!.replaceText(String(decoding: data, as: UTF8.self), for: edit.fieldID) == .changed {
            saveDraft()
            show("Text from the editor", .success)
        }
        return .all
    }
}
