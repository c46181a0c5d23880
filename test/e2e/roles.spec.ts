import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Each role's first sign-in lands on its own view; the server refuses what the role may not see.

test("signed out, every page asks to sign in; the health check answers", async ({ page, request }) => {
  await page.goto("/scorecard?asOf=2017-09-01");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fscorecard/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect((await request.get("/healthz")).status()).toBe(200);
});

test("a wrong password is refused with a plain message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("coordinator@demo.rces");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or the password is not right.");
});

test("the coordinator lands on the Arctic portfolio and may open its clusters, not others", async ({ page }) => {
  await signInAs(page, "coordinator");
  await expect(page).toHaveURL(/\/scorecard\?p=arctic$/);
  await expect(page.getByRole("table", { name: /Scores by dimension/ }).getByRole("columnheader")).toHaveText(["Dimension", "Arctic"]);
  await page.goto("/clusters");
  const table = page.getByRole("table");
  for (const town of ["Tromsø", "Alta", "Hammerfest", "Kirkenes", "Harstad", "Vadsø"]) await expect(table).toContainText(town);
  await expect(table).not.toContainText("Bodø");
  expect((await page.goto("/clusters/ndl-bodo-digital"))?.status()).toBe(404);
});

test("a coordinator may import only the portfolios they coordinate", async ({ page }) => {
  await signInAs(page, "coordinator");
  await page.goto("/import");
  const csv = "cluster,name,portfolios,assessed_on,S1\nnor-e2e,Bergen Test Cluster,norway,2018-04-01,30\n";
  await page.getByLabel("CSV file").setInputFiles({ name: "norway.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("alert")).toContainText("you coordinate no portfolio norway");
});

test("the cluster manager lands on their cluster, with its lights", async ({ page }) => {
  await signInAs(page, "manager");
  await expect(page).toHaveURL(/\/clusters\/arc-tromso-marine$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tromsø Marine Tech Cluster");
  expect((await page.goto("/clusters/arc-vadso-food"))?.status()).toBe(404);
  expect((await page.goto("/import"))?.status()).toBe(403);
  await page.goto("/scorecard?asOf=2017-09-01&p=arctic");
  await expect(page.getByRole("table", { name: /Scores by dimension/ })).toContainText("47.8");
});

test("the policy maker lands on the regional scorecard and sees individual data only with consent", async ({ page }) => {
  await signInAs(page, "policy");
  await expect(page).toHaveURL(/\/scorecard\?p=arctic$/);
  await page.goto("/clusters");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // header and the one consenting cluster
  await expect(page.getByRole("link", { name: "Alta Arctic Experience Cluster" })).toBeVisible();
  expect((await page.goto("/clusters/arc-tromso-marine"))?.status()).toBe(404);
  expect((await page.goto("/clusters/arc-alta-experience"))?.status()).toBe(200);
});

test("a form posted from another site is refused", async ({ page, request }) => {
  await signInAs(page, "admin");
  const response = await request.post("/logout", { headers: { Origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
});

test("an administrator invites a coordinator, who sets a password through the link once", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await page.goto("/people");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill("new.coordinator@demo.rces");
  await form.getByLabel("Name").fill("Nina Nordland");
  await form.getByLabel("Role").selectOption("coordinator");
  await form.getByLabel(/^Portfolio/).fill("nordland");
  await form.getByRole("button", { name: "Create the invitation link" }).click();
  const link = await page.getByLabel("Link to copy").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

  const guest = await browser.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nina Nordland");
  await guest.getByLabel(/Choose a password/).fill("nordland-coordinator-1");
  await guest.getByLabel("The same again").fill("nordland-coordinator-1");
  await guest.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(guest).toHaveURL(/\/scorecard\?p=nordland$/);
  const again = await guest.goto(link);
  expect(again?.status()).toBe(410);
  await guest.close();

  await page.goto("/audit?action=role");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("user new.coordinator@demo.rces");
});

test("account pages fit 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/login");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await signInAs(page, "admin");
  for (const path of ["/people", "/audit"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
  }
});

test("the coordinator opens an improvement program from the baseline and starts its kickoff", async ({ page }) => {
  await signInAs(page, "coordinator");
  await page.goto("/programs");
  const form = page.getByRole("form", { name: "Open a program" });
  await form.getByLabel("Name").fill("Arctic 2017-2019");
  await form.getByLabel(/^Baseline/).fill("2017-09-01");
  await form.getByLabel("Starts").fill("2017-10-30");
  await form.getByRole("button", { name: "Open the program" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arctic 2017-2019");
  await expect(page.getByText("Arctic · 2017-10-30 to 2019-10-30")).toBeVisible();
  await expect(page.getByRole("region", { name: "Baseline scores" })).toContainText("47.8");
  await page.getByRole("button", { name: "Start the kickoff" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Kickoff forum" })).toContainText("(now)");
  await expect(page.getByRole("status")).toContainText("The region has no agreed goal yet.");
  await expect(page.getByRole("button", { name: "Complete the kickoff" })).toHaveCount(0);

  // A regional goal from the frozen baseline: Activities and Services from 33.3 to 50 by summer 2019.
  const goal = page.getByRole("form", { name: "Add a goal" });
  await goal.getByLabel(/^Metric/).selectOption("dimension:services");
  await goal.getByLabel("Target").fill("50");
  await goal.getByLabel("Due date").fill("2019-06-30");
  await goal.getByRole("button", { name: "Add the goal" }).click();
  const row = page.getByRole("region", { name: "Goals" }).getByRole("row").filter({ hasText: "Activities and Services score" });
  await expect(row).toContainText("33.3 (2017-09-01) → 50 by 2019-06-30");
  await row.getByRole("button", { name: "Agree" }).click();
  await expect(row).toContainText("agreed");
  await row.getByLabel("Value", { exact: true }).fill("39");
  await row.getByLabel("On", { exact: true }).fill("2018-08-01");
  await row.getByRole("button", { name: "Record" }).click();
  await expect(row).toContainText("▲ at risk");
  await expect(page.getByRole("status")).not.toContainText("The region has no agreed goal yet.");

  // The four forums of the template; scheduling one gives its tasks their due dates.
  await expect(page.getByRole("heading", { level: 3, name: /^Forum \d/ })).toHaveCount(4);
  const schedule = page.getByRole("form", { name: "Schedule Forum 1: kickoff" });
  await schedule.getByLabel("Date").fill("2030-10-30");
  await schedule.getByLabel("Place").fill("Tromsø");
  await schedule.getByRole("button", { name: "Schedule" }).click();
  const forum1 = page.getByRole("article", { name: "Forum 1: kickoff" });
  await expect(forum1).toContainText("2030-10-30, Tromsø · scheduled");
  await expect(forum1.getByRole("row", { name: /Prepare the agenda/ })).toContainText("2030-10-02");
});
