/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by lesson pages before rendering MDX, read by content components. */
    lesson?: { locale: string; references: string[] };
  }
}
