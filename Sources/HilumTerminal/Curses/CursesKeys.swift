import CNcursesw

/// Maps ncurses key codes (what `get_wch` returns with `KEY_CODE_YES`) to `Key`.
enum CursesKeys {
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        default:
            let first = cncursesw_key_f(1)
            if code >= first, code < first + 24 { return .function(Int(code - first) + 1) }
            return nil
        }
    }

    /// The mouse event ncurses has queued after `KEY_MOUSE`, if it is one the layer reports.
    static func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let position = Point(x: Int(event.x), y: Int(event.y))
        let kind: MouseEvent.Kind
        if state & cncursesw_button1_double() != 0 {
            kind = .doubleClick
        } else if state & cncursesw_button1_press() != 0 {
            kind = .leftClick
        } else if state & cncursesw_button2_press() != 0 {
            kind = .middleClick
        } else if state & cncursesw_button3_press() != 0 {
            kind = .rightClick
        } else if state & cncursesw_wheel_up() != 0 {
            kind = .wheelUp
        } else if state & cncursesw_wheel_down() != 0 {
            kind = .wheelDown
        } else {
            return nil
        }
        return MouseEvent(kind: kind, position: position)
    }
}
