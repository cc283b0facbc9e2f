// Unit tests of ui/src/pasted.ts: text pasted from Word and Excel (see
// format.test.mjs for how to run them).

import assert from "node:assert/strict";
import { test } from "node:test";

import { cleanListPaste, cleanParagraph, listItems, parseTabular, splitTabular, stripMarker } from "../dist/pasted.js";

import { returns } from "./cases.mjs";

// Two rows copied from Excel: CRLF line ends, the first cell of the second
// row holds a line break and quotes, so Excel quoted it and doubled them.
const EXCEL = 'Мероприятие\tСроки\tОтветственные\r\n"Семинар ""Цифровая школа""\r\nдля педагогов"\tсентябрь 2024\tИМЦ\r\n';

test("Excel's cells: tabs between, quoted cells with line breaks and doubled quotes", () => {
  assert.deepEqual(splitTabular(EXCEL), [
    ["Мероприятие", "Сроки", "Ответственные"],
    ['Семинар "Цифровая школа"\nдля педагогов', "сентябрь 2024", "ИМЦ"],
  ]);
});

test("a quote inside a cell is text, and cells are kept as pasted", () => {
  returns(splitTabular, [
    ['Приказ № 5 "Об утверждении"\tОО', [['Приказ № 5 "Об утверждении"', "ОО"]]],
    [" а \t б\n", [[" а ", " б"]]],
    ["а\tб", [["а", "б"]]],
    ["а\t\tв\n", [["а", "", "в"]]],
    ["\"с\tтабуляцией\"\tдругое", [["с\tтабуляцией", "другое"]]],
    ["", []],
  ]);
});

test("a simple table from a paste: each cell on one line, empty rows dropped", () => {
  assert.deepEqual(parseTabular(EXCEL), [
    ["Мероприятие", "Сроки", "Ответственные"],
    ['Семинар "Цифровая школа" для педагогов', "сентябрь 2024", "ИМЦ"],
  ]);
  assert.deepEqual(parseTabular("Риск\tМеры\n\t\n\nНехватка кадров\tЦелевое обучение\n"), [
    ["Риск", "Меры"],
    ["Нехватка кадров", "Целевое обучение"],
  ]);
  assert.deepEqual(parseTabular("  \n\t\n"), []);
});

test("running text from Word: soft line breaks joined, paragraphs kept", () => {
  assert.equal(
    cleanParagraph("Программа развития\r\nобразования на 2024–2027 годы.\r\nЦель программы:\r\nповышение\tкачества\u00a0 образования"),
    "Программа развития образования на 2024–2027 годы.\nЦель программы:\nповышение качества образования",
  );
  assert.equal(cleanParagraph("Первый абзац\n\n\nВторой абзац"), "Первый абзац\nВторой абзац");
  assert.equal(cleanParagraph("  текст  "), "текст");
});

test("list markers are stripped, numbers that are the text are kept", () => {
  returns(stripMarker, [
    ["1. Повышение качества образования", "Повышение качества образования"],
    ["1.1. Обновление содержания", "Обновление содержания"],
    ["2) Развитие кадрового потенциала", "Развитие кадрового потенциала"],
    ["(3) Третье", "Третье"],
    ["а) первое", "первое"],
    ["– обновление материально-технической базы", "обновление материально-технической базы"],
    ["• пункт", "пункт"],
    // Numbers that are the text.
    ["1.5 ставки педагога-психолога", "1.5 ставки педагога-психолога"],
    ["-5 °C в классах", "-5 °C в классах"],
    ["2025 год", "2025 год"],
  ]);
});

test("a pasted list: one item per line, markers, tabs and empty lines gone", () => {
  assert.equal(cleanListPaste("1.\tПервое\r\n\r\n2.\tВторое\u00a0 задание\r\n"), "Первое\nВторое задание");
  assert.deepEqual(listItems("– Первое\n\n2. Второе\n   \n"), ["Первое", "Второе"]);
});
