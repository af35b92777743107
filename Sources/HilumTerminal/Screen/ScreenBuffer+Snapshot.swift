extension ScreenBuffer {
    /// The screen as text for snapshot tests: a size line, every row with
    /// trailing spaces kept between `|` marks, then each row's roles as runs
    /// such as `3: row.selected*80`. The role runs make a lost selection or a
    /// wrong colour role visible in a diff even though the text is unchanged.
    public func snapshot() -> String {
        var output = "screen \(size)\n"
        for y in 0..<size.height {
            output += "|" + line(y) + "|\n"
        }
        output += "roles\n"
        for y in 0..<size.height {
            output += "\(y): " + roleRuns(y).map { "\($0.role.name)*\($0.count)" }.joined(separator: " ") + "\n"
        }
        if let cursor {
            output += "cursor \(cursor.x),\(cursor.y)\n"
        }
        return output
    }

    /// Runs of equal roles on row `y`, in cells.
    public func roleRuns(_ y: Int) -> [(role: Role, count: Int)] {
        var runs: [(role: Role, count: Int)] = []
        for x in 0..<size.width {
            let role = self[x, y].role
            if let last = runs.last, last.role == role {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((role, 1))
            }
        }
        return runs
    }
}
