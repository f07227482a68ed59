import { describe, expect, it } from "vitest";
import { hasMarkup, stripHtml } from "./strip-html.js";

describe("stripHtml", () => {
  it.each([
    "Tom & Jerry",
    "5 > 3",
    "a < b",
    "&amp;",
    "&lt;script&gt;",
    `"quoted" and 'single'`,
    "O'Brien",
    "Suite #4",
    "pre--approved",
    "👩‍👩‍👧 🇯🇵",
    "東京都港区",
    "مرحبا بالعالم",
    "e\u0301 and n\u0303",
    "<3 you",
    "1 <= 2",
    "a <\u212A b",
  ])("keeps %j byte for byte", (text) => {
    expect(stripHtml(text)).toBe(text);
  });

  it.each([
    ["<b>Hi</b>", "Hi"],
    ["Tom &amp; <i>Jerry</i>", "Tom &amp; Jerry"],
    ["<script>alert(1)</script>ok", "ok"],
    ["<style>body{}</style>ok", "ok"],
    ["<template><b>x</b></template>ok", "ok"],
    ["<iframe src=x>inner</iframe>ok", "ok"],
    ["<object data=x>inner</object>ok", "ok"],
    ["<noscript><p>x</p></noscript>ok", "ok"],
    ["a<!-- comment -->b", "ab"],
    ["a<?php echo 1 ?>b", "ab"],
    ["a<![CDATA[x]]>b", "ab"],
    ["<img src=x onerror=alert(1)>", ""],
    ["<<b>b>", ""],
    ["<textarea><b>t</b></textarea>", "t"],
    ["x<y", "x"],
    ["<script>never closed", ""],
  ])("turns %j into %j", (input, expected) => {
    expect(stripHtml(input)).toBe(expected);
  });

  it("leaves no markup start", () => {
    for (const input of ["<<<b>>>", "<</b>b>", "<!<!-- -->--x", "<a<b>>c", "</</x>x>"]) {
      expect(hasMarkup(stripHtml(input))).toBe(false);
    }
  });

  it("returns the same string instance without markup", () => {
    const text = "no markup here";
    expect(stripHtml(text)).toBe(text);
  });
});

describe("hasMarkup", () => {
  it.each([
    ["<b>", true],
    ["</b>", true],
    ["<!--", true],
    ["<?x", true],
    ["< b", false],
    ["<3", false],
    ["<\u00e9", false],
    ["plain", false],
  ])("returns %j for %j", (text, expected) => {
    expect(hasMarkup(text as string)).toBe(expected);
  });
});
