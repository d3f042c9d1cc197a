/// Aligned columns for lists: widths come from the plain text, colour is applied after padding,
/// so escapes never throw the alignment off.
struct Table {
    /// One cell: its text and how to colour it once padded.
    struct Cell {
        var text: String
        var paint: (String) -> String

        init(_ text: String, paint: @escaping (String) -> String = { $0 }) {
            self.text = text
            self.paint = paint
        }
    }

    var headers: [String]
    var rows: [[Cell]]

    /// The rendered lines; the last column is never padded (no trailing spaces).
    func render(style: Style) -> String {
        let columns = max(headers.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for (index, header) in headers.enumerated() { widths[index] = header.count }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.text.count) }
        }
        func line(_ cells: [Cell]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = index == cells.count - 1 ? 0 : widths[index] - cell.text.count
                parts.append(cell.paint(cell.text) + String(repeating: " ", count: padding))
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines: [String] = []
        if !headers.isEmpty { lines.append(line(headers.map { Cell($0, paint: style.ink) })) }
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
