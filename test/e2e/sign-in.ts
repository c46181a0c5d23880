import { expect, type Page } from "@playwright/test";

// The demo sign-ins of the README (seeded into the e2e database by test/e2e/server.mjs).
export const DEMO_PASSWORD = "rces-demo-2017";
export type DemoRole = "admin" | "coordinator" | "manager" | "policy";

export async function signInAs(page: Page, who: DemoRole, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${who}@demo.rces`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens a page and waits until it is hydrated, so that what a test fills in is not reset by React. */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
