/**
 * Brian's expression and statement language: typed AST, parser, printer, errors and helpers.
 * This file is the parsing layer's contract; other folders import only from here.
 */
export type {
  ArithmeticOp,
  AssignOp,
  BooleanLiteral,
  Binary,
  Call,
  Compare,
  CompareOp,
  Expr,
  Logical,
  LogicalOp,
  Name,
  NumberLiteral,
  Span,
  Statement,
  Unary,
  UnaryOp,
} from './ast.ts';
export { num, bool, name, unary, binary, compare, logical, call, statement } from './ast.ts';
export { ParseError, caretExcerpt, locate } from './errors.ts';
export { PYTHON_KEYWORDS, isValidIdentifier, collectIdentifiers, collectFunctionNames } from './identifiers.ts';
export { tokenize, type Token, type TokenKind, type LexOptions } from './lexer.ts';
export { parseExpression, parseStatements, MAX_NESTING_DEPTH, type ParseOptions } from './parser.ts';
export { printExpr, printStatement, printStatements, formatNumber } from './print.ts';
export { stripSpans, stripStatementSpans, exprEquals, mapSpans, walkExpr } from './tree.ts';
