import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// An administrator sees every portfolio and cluster; the role rules have their own tests.
test.beforeEach(async ({ page }) => signInAs(page, "admin"));

const REPORT = "/scorecard?asOf=2017-09-01&p=arctic&p=nordland&p=norway";

test("the portfolio scorecard shows the report's Arctic figures, bands in words", async ({ page }) => {
  await page.goto(REPORT);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regional Cluster Excellence Scorecard");
  const table = page.getByRole("table", { name: /Scores by dimension/ });
  const overall = table.getByRole("row", { name: /^Overall/ });
  await expect(overall.getByRole("cell").first()).toContainText("47.8");
  await expect(overall.getByRole("cell").first()).toContainText("yellow");
  await expect(overall.getByRole("cell").first()).toContainText("89/186");
  const sustainability = table.getByRole("row", { name: /Sustainability/ });
  await expect(sustainability.getByRole("cell").first()).toContainText("16.7");
  await expect(sustainability.getByRole("cell").first()).toContainText("red");
  const arcticFacts = page.getByRole("definition").filter({ hasText: "0.8" });
  await expect(arcticFacts.first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Scores by dimension and overall: Arctic, Nordland, Norway/ })).toBeVisible();
});

test("a dimension shows the light shares per indicator in each portfolio", async ({ page }) => {
  await page.goto(REPORT);
  await page.getByRole("link", { name: "Capacity of Cluster Management" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Capacity of Cluster Management");
  await expect(page.getByText(/Arctic: 25\.0/)).toBeVisible();
  const c1 = page.getByRole("table").getByRole("row").filter({ hasText: "Arctic" }).first();
  await expect(c1).toContainText("1 (17 %)");
});

test("a cluster page shows its lights with value, threshold and reason, and its staffing need", async ({ page }) => {
  await page.goto("/clusters");
  await page.getByRole("link", { name: /Vadsø/ }).first().click();
  await expect(page.getByRole("heading", { name: "Staffing" })).toBeVisible();
  await expect(page.getByText(/needs \d+\.\d FTE for a green light \(2 FTE per 50 members\)/)).toBeVisible();
  // Its 2019 benchmarking (the latest): 1.0 FTE for 27 members is 1.85 per 50, yellow.
  const c1 = page.getByRole("row", { name: /^C1/ });
  await expect(c1).toContainText("≈1.85 is below the green threshold 2 but at least the yellow threshold 1.5");
  // Its 2017 one: 0.9 FTE for 22 members is 2.05 per 50, green.
  await page.goto("/clusters/arc-vadso-food?on=2017-08-22");
  await expect(c1).toContainText("green");
  await expect(c1).toContainText("at least the green threshold 2");
});

test("at 360 px no page needs sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of [REPORT, "/scorecard/capacity?asOf=2017-09-01", "/clusters", "/clusters/arc-vadso-food", "/import", "/methodology", "/methodology/rces-2017"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("the scorecard options work by keyboard alone", async ({ page }) => {
  await page.goto(REPORT);
  await page.getByRole("checkbox", { name: "Nordland" }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Show" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/p=nordland/);
  await expect(page.getByRole("table", { name: /Scores by dimension/ }).getByRole("columnheader")).toHaveText(["Dimension", "Arctic", "Norway"]);
});

test("a malformed query gets a clear 400, an unknown cluster a 404", async ({ page }) => {
  const bad = await page.goto("/scorecard?asOf=2017-02-30");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText('Bad query: the as-of date "2017-02-30" is not a date (YYYY-MM-DD).')).toBeVisible();
  const missing = await page.goto("/clusters/no-such-cluster");
  expect(missing?.status()).toBe(404);
  const nowhere = await page.goto("/no-such-page");
  expect(nowhere?.status()).toBe(404);
  await expect(page.getByText("There is no page at this address.")).toBeVisible();
  await page.goto("/scorecard?asOf=2017-09-01&p=arctic&p=atlantis");
  await expect(page.getByRole("status")).toHaveText("No cluster of Atlantis has a benchmarking on or before 2017-09-01.");
  await page.goto("/scorecard?asOf=1900-01-01");
  await expect(page.getByRole("status")).toHaveText("No cluster has a benchmarking on or before 1900-01-01. Choose a later date.");
});
