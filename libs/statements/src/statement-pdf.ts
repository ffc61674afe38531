import PDFDocument from 'pdfkit';
import { t, type PlainTextKey } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { PdfTable, type PdfColumn } from './pdf-table';
import { winAnsi } from './pdf-text';
import type { Statement } from './statement';
import type { StatementFileContext } from './statement-csv';
import type { PdfLogo } from './statement-logo';
import {
  copenhagenClock,
  copenhagenDate,
  holderText,
  kindMovementLabel,
  movementPlace,
  movementText,
  periodText,
  totalLines,
} from './statement-wording';

/** The tenant's look on paper: its name, colours (theme config) and logo (theme folder). */
export interface StatementPdfBrand {
  readonly displayName: string;
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly textColor: string;
  readonly logo?: PdfLogo;
}

const MARGIN = 42;
const FOOTER = 26;
const WIDTH = 510;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const STRIPE = '#f2f4f7';
const MUTED = '#4d4d4d';

// When | Place | Text | Type | Amount | Balance: 510 pt, A4's width inside the margins.
const COLUMNS: readonly PdfColumn[] = [
  { width: 84, align: 'left', wraps: false },
  { width: 104, align: 'left', wraps: true },
  { width: 112, align: 'left', wraps: true },
  { width: 72, align: 'left', wraps: true },
  { width: 69, align: 'right', wraps: false },
  { width: 69, align: 'right', wraps: false },
];

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * The statement on A4 with the tenant's logo and colours: a heading with whose statement and
 * which period, the balances, the movements as a table that continues over as many pages as
 * it needs, the totals by kind, and "Side 1 af 3" at the foot of every page.
 */
class StatementPdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly holder: string;
  private readonly period: string;
  private y = MARGIN;

  constructor(
    private readonly statement: Statement,
    private readonly context: StatementFileContext,
    private readonly brand: StatementPdfBrand,
  ) {
    this.holder = holderText(statement, context.locale);
    this.period = periodText(statement, context.locale);
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      lang: context.locale === 'da' ? 'da-DK' : 'en-GB',
      displayTitle: true,
      info: { Title: `${context.title} – ${this.holder}`, Author: brand.displayName },
    });
  }

  render(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.heading();
    this.balances();
    this.movements();
    this.totals();
    this.footers();
    this.doc.end();
    return done;
  }

  private text(key: PlainTextKey): string {
    return t(this.context.locale, key);
  }

  /** Every text goes through here: WinAnsi only (pdf-text.ts). */
  private write(value: string, x?: number, y?: number, options?: TextOptions): void {
    this.doc.text(winAnsi(value), x, y, options);
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER;
  }

  private heading(): void {
    const { doc, brand } = this;
    let nameX = MARGIN;
    if (brand.logo) {
      doc.image(brand.logo, MARGIN, MARGIN, { fit: [120, 40] });
      nameX = MARGIN + 52;
    }
    doc.font(BOLD).fontSize(15).fillColor(brand.primaryColor);
    this.write(this.context.productName, nameX, MARGIN + 4, { width: 300, lineBreak: false });
    doc.font(FONT).fontSize(9.5).fillColor(brand.textColor);
    this.write(brand.displayName, nameX, MARGIN + 23, { width: 300, lineBreak: false });
    doc.font(BOLD).fontSize(20).fillColor(brand.primaryColor);
    this.write(this.context.title, MARGIN, MARGIN + 6, { width: WIDTH, align: 'right', lineBreak: false });
    doc.rect(MARGIN, MARGIN + 48, WIDTH, 2).fill(brand.accentColor);

    doc.font(BOLD).fontSize(11).fillColor(brand.textColor);
    this.write(this.holder, MARGIN, MARGIN + 60, { width: WIDTH });
    doc.font(FONT).fontSize(10);
    this.write(this.period, undefined, undefined, { width: WIDTH });
    const { locale, printedAt } = this.context;
    const when = `${copenhagenDate(printedAt, locale)} ${copenhagenClock(printedAt, locale)}`;
    doc.fillColor(MUTED).fontSize(8.5);
    this.write(t(locale, 'statement.file.printed', { when }), undefined, undefined, { width: WIDTH });
    this.y = doc.y + 10;
  }

  /** Opening and closing balance side by side: the first facts a parent looks for. */
  private balances(): void {
    const { doc, brand } = this;
    const half = (WIDTH - 10) / 2;
    const boxes: [string, number][] = [
      [this.text('statement.opening'), this.statement.openingBalance],
      [this.text('statement.closing'), this.statement.closingBalance],
    ];
    boxes.forEach(([label, amount], i) => {
      const x = MARGIN + i * (half + 10);
      doc.lineWidth(1).rect(x, this.y, half, 40).stroke(brand.primaryColor);
      doc.font(FONT).fontSize(9).fillColor(brand.textColor);
      this.write(label, x + 8, this.y + 7, { width: half - 16, lineBreak: false });
      doc.font(BOLD).fontSize(13).fillColor(brand.primaryColor);
      this.write(formatKroner(amount), x + 8, this.y + 20, { width: half - 16, lineBreak: false });
    });
    this.y += 54;
  }

  private movements(): void {
    const { doc, brand, statement } = this;
    const { locale } = this.context;
    doc.font(BOLD).fontSize(12).fillColor(brand.primaryColor);
    this.write(this.text('statement.movements'), MARGIN, this.y, { width: WIDTH });
    const style = {
      x: MARGIN,
      font: FONT,
      boldFont: BOLD,
      size: 8.5,
      textColor: brand.textColor,
      headerColor: brand.primaryColor,
      headerTextColor: '#ffffff',
      padX: 3,
      padY: 3,
    };
    const pages = { bottom: () => this.bottom, nextPage: () => this.continuedPage() };
    const table = new PdfTable(doc, COLUMNS, style, pages, doc.y + 4);
    table.start(
      (['statement.col.when', 'statement.col.place', 'statement.col.text', 'statement.col.kind'] as const)
        .map((key) => this.text(key))
        .concat([this.text('statement.col.amount'), this.text('statement.col.balance')]),
    );
    const balanceRow = (key: PlainTextKey, amount: number) =>
      table.row(['', '', this.text(key), '', '', formatKroner(amount)], { bold: true });
    balanceRow('statement.opening', statement.openingBalance);
    if (statement.movements.length === 0) table.row(['', '', this.text('statement.none'), '', '', '']);
    statement.movements.forEach((movement, i) => {
      const when = `${copenhagenDate(movement.at, locale)} ${copenhagenClock(movement.at, locale)}`;
      const cells = [
        when,
        movementPlace(movement, locale),
        movementText(movement, locale),
        kindMovementLabel(movement.kind, locale),
        formatKroner(movement.amount),
        formatKroner(movement.balance),
      ];
      table.row(cells, { fill: i % 2 === 0 ? STRIPE : undefined });
    });
    balanceRow('statement.closing', statement.closingBalance);
    this.y = table.y + 14;
  }

  /** A page the table continues on: whose statement and which period, small, above it. */
  private continuedPage(): number {
    const { doc } = this;
    doc.addPage();
    doc.font(FONT).fontSize(9).fillColor(MUTED);
    const title = t(this.context.locale, 'statement.file.continued', { title: this.context.title });
    this.write(`${title} · ${this.holder} · ${this.period}`, MARGIN, MARGIN, { width: WIDTH });
    return doc.y + 6;
  }

  /** The totals by kind, kept together on one page. */
  private totals(): void {
    const { doc, brand } = this;
    const lines = totalLines(this.statement, this.context.locale);
    const rowHeight = 16;
    if (this.y + 24 + (lines.length + 1) * rowHeight > this.bottom) {
      doc.addPage();
      this.y = MARGIN;
    }
    doc.font(BOLD).fontSize(12).fillColor(brand.primaryColor);
    this.write(this.text('statement.totals'), MARGIN, this.y, { width: WIDTH });
    this.y = doc.y + 4;
    const labelWidth = 220;
    const amountWidth = 100;
    const line = (label: string, amount: number, bold: boolean) => {
      doc
        .font(bold ? BOLD : FONT)
        .fontSize(9)
        .fillColor(brand.textColor);
      this.write(label, MARGIN + 3, this.y + 3, { width: labelWidth, lineBreak: false });
      this.write(formatKroner(amount), MARGIN + labelWidth, this.y + 3, {
        width: amountWidth,
        align: 'right',
        lineBreak: false,
      });
      this.y += rowHeight;
      doc
        .moveTo(MARGIN, this.y)
        .lineTo(MARGIN + labelWidth + amountWidth, this.y)
        .lineWidth(0.5)
        .stroke('#c8c8c8');
    };
    for (const total of lines) line(total.label, total.amount, false);
    line(this.text('statement.net'), this.statement.net, true);
  }

  /** "Side 1 af 3" and whose statement at the foot of every page, once the page count is known. */
  private footers(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      // Below the margin pdfkit would start a new page for the text: the footer lives there.
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN - 10;
      doc.font(FONT).fontSize(8).fillColor(MUTED);
      this.write(`${this.context.productName} · ${this.holder}`, MARGIN, y, { width: 380, lineBreak: false });
      const page = t(this.context.locale, 'statement.file.page', { page: i + 1, pages: range.count });
      this.write(page, MARGIN, y, { width: WIDTH, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottomMargin;
    }
  }
}

/** The statement as a PDF file. */
export function statementPdf(
  statement: Statement,
  context: StatementFileContext,
  brand: StatementPdfBrand,
): Promise<Buffer> {
  return new StatementPdfWriter(statement, context, brand).render();
}
