/**
 * Binding powers shared by the parser and the printer, following Python's precedence:
 * or < and < not < comparisons < + - < * / // % < unary + - < ** < atoms (literals, names, calls).
 */
export const OR = 1;
export const AND = 2;
export const NOT = 3;
export const CMP = 4;
export const ADD = 5;
export const MUL = 6;
export const UNARY = 7;
export const POW = 8;
export const ATOM = 9;
