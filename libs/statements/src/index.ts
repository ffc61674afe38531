export { StatementsModule } from './statements.module';
export {
  StatementService,
  type AnswerOptions,
  type PageQuery,
  type PeriodQuery,
  type StatementAnswer,
} from './statement.service';
export {
  buildStatementPage,
  pageSlice,
  summarize,
  STATEMENT_PAGE_SIZE,
  type MovementGroup,
  type PageSlice,
  type StatementPage,
  type StatementSummary,
} from './statement-page';
export {
  buildStatement,
  emptyTotals,
  type LedgerMovement,
  type Statement,
  type StatementAccount,
  type StatementMovement,
  type StatementTotals,
} from './statement';
export {
  checkPeriod,
  copenhagenToday,
  defaultPeriodInput,
  parseStatementDate,
  DEFAULT_PERIOD_DAYS,
  MAX_PERIOD_YEARS,
  STATEMENT_TIME_ZONE,
  type IsoDate,
  type PeriodCheck,
  type PeriodField,
  type PeriodFieldError,
  type PeriodInput,
  type PeriodRefusal,
  type StatementPeriod,
} from './statement-period';
export { MOVEMENT_KINDS, movementKindOf, type MovementKind } from './movement-kinds';
export {
  copenhagenClock,
  copenhagenDate,
  holderText,
  kindMovementLabel,
  kindTotalLabel,
  longDate,
  movementPlace,
  movementText,
  periodErrorTexts,
  periodText,
  totalLines,
  type TotalLine,
} from './statement-wording';
export { csvAmount, csvDocument, csvText, UTF8_BOM, type CsvAmount, type CsvCell } from './csv';
export { csvDateTime, statementCsv, type StatementFileContext } from './statement-csv';
export { statementPdf, type StatementPdfBrand } from './statement-pdf';
export { tenantLogo, type PdfLogo } from './statement-logo';
export { statementCsvFile, statementFileName, statementPdfFile, type StatementFile } from './statement-files';
export { statementQueryPlans, type StatementRange } from './statements.queries';
