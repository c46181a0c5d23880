import { expect, test } from "@playwright/test";
import { openPage, signInAs } from "./sign-in";

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

test("an administrator sees pending invitations and revokes one; removing a role asks once more", async ({ page }) => {
  await signInAs(page, "admin");
  await openPage(page, "/people");
  const invite = page.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Email").fill("revoke-me@example.org");
  await invite.getByLabel("Name").fill("Rita Revoked");
  await invite.getByLabel("Role").selectOption("policyMaker");
  await invite.getByLabel(/^Portfolio/).fill("nordland");
  await invite.getByRole("button", { name: "Create the invitation link" }).click();
  const pending = page.getByRole("region", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: /Rita Revoked/ })).toContainText("Policy maker: Nordland");
  await pending.getByRole("button", { name: "Revoke the invitation of revoke-me@example.org" }).click();
  await expect(page.getByRole("status")).toContainText("The invitation was revoked");
  await expect(page.getByRole("row", { name: /Rita Revoked/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Remove Policy maker Arctic from Pia Policy" }).click();
  const confirm = page.getByRole("form", { name: "Confirm removing a role" });
  await expect(confirm).toContainText("Remove Policy maker of Arctic from Pia Policy?");
  await confirm.getByRole("link", { name: "Keep it" }).click();
  await expect(page.getByRole("row", { name: /Pia Policy/ })).toContainText("Policy maker: Arctic");
});
