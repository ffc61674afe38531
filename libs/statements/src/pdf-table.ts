import { winAnsi } from './pdf-text';

export interface PdfColumn {
  readonly width: number;
  readonly align: 'left' | 'right';
  /** Text that may be longer than its column (a till's place, a description) wraps onto more lines. */
  readonly wraps: boolean;
}

export interface PdfTableStyle {
  readonly x: number;
  readonly font: string;
  readonly boldFont: string;
  readonly size: number;
  readonly textColor: string;
  readonly headerColor: string;
  readonly headerTextColor: string;
  readonly padX: number;
  readonly padY: number;
}

export interface PdfTablePages {
  /** The lowest y a row may reach on this page. */
  bottom(): number;
  /** Starts the next page and answers the y the table continues at (the header is repeated there). */
  nextPage(): number;
}

/**
 * A table drawn row by row that continues over as many pages as it needs, its header repeated
 * on each. Only a cell too long for its column goes through pdfkit's line wrapper; the rest
 * are placed by hand with widths measured once per string (a wrapper and a measurement per
 * cell made a year's statement take seconds).
 */
export class PdfTable {
  private readonly widths = new Map<string, number>();
  private readonly lineHeight: number;
  private readonly width: number;
  private header: readonly string[] = [];
  private font: string;
  y: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly columns: readonly PdfColumn[],
    private readonly style: PdfTableStyle,
    private readonly pages: PdfTablePages,
    y: number,
  ) {
    this.y = y;
    this.font = style.font;
    this.useFont(style.font);
    this.lineHeight = doc.heightOfString('Åg', { width: 100 });
    this.width = columns.reduce((sum, column) => sum + column.width, 0);
  }

  /** The header row, drawn now and on every page the table continues on. */
  start(labels: readonly string[]): void {
    this.header = labels.map(winAnsi);
    this.drawHeader();
  }

  row(cells: readonly string[], options: { readonly bold?: boolean; readonly fill?: string } = {}): void {
    const drawn = cells.map(winAnsi);
    this.useFont(options.bold ? this.style.boldFont : this.style.font);
    const widths = drawn.map((value) => (value === '' ? 0 : this.widthOf(value)));
    const height = this.rowHeight(drawn, widths);
    if (this.y + height > this.pages.bottom()) {
      this.y = this.pages.nextPage();
      this.drawHeader();
      this.useFont(options.bold ? this.style.boldFont : this.style.font);
    }
    if (options.fill) this.doc.rect(this.style.x, this.y, this.width, height).fill(options.fill);
    this.doc.fillColor(this.style.textColor);
    this.cells(drawn, widths, this.y + this.style.padY);
    this.y += height;
  }

  private drawHeader(): void {
    const height = this.lineHeight + 2 * this.style.padY + 2;
    this.doc.rect(this.style.x, this.y, this.width, height).fill(this.style.headerColor);
    this.useFont(this.style.boldFont);
    this.doc.fillColor(this.style.headerTextColor);
    this.cells(
      this.header,
      this.header.map((label) => this.widthOf(label)),
      this.y + this.style.padY + 1,
    );
    this.y += height;
  }

  private cells(cells: readonly string[], widths: readonly number[], y: number): void {
    let x = this.style.x;
    cells.forEach((value, i) => {
      const column = this.columns[i];
      const room = column.width - 2 * this.style.padX;
      if (value !== '' && column.wraps && widths[i] > room) {
        this.doc.text(value, x + this.style.padX, y, { width: room, align: column.align });
      } else if (value !== '') {
        const left = column.align === 'right' ? x + column.width - this.style.padX - widths[i] : x + this.style.padX;
        // textWidth: pdfkit's own name for a width already measured, so it does not measure again.
        const options = { lineBreak: false, textWidth: widths[i] };
        this.doc.text(value, left, y, options);
      }
      x += column.width;
    });
  }

  private rowHeight(cells: readonly string[], widths: readonly number[]): number {
    let lines = this.lineHeight;
    cells.forEach((value, i) => {
      const column = this.columns[i];
      const room = column.width - 2 * this.style.padX;
      if (column.wraps && widths[i] > room) lines = Math.max(lines, this.doc.heightOfString(value, { width: room }));
    });
    return lines + 2 * this.style.padY;
  }

  private useFont(font: string): void {
    this.font = font;
    this.doc.font(font).fontSize(this.style.size);
  }

  private widthOf(value: string): number {
    const key = `${this.font}\u0000${value}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.widthOfString(value);
      this.widths.set(key, width);
    }
    return width;
  }
}
