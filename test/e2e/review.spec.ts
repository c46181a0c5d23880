import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { endOfMonth, addMonths, format, subMonths } from "date-fns";
import { openPage, signInAs } from "./sign-in";

// Closing the loop: labels near their expiry reach the policy maker's inbox and monitor; a new
// benchmarking round shows as progress against a program's baseline, in a printable report.
test.describe.configure({ mode: "serial" });

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("a policy maker sees a label expiring within 90 days with its reminder", async ({ page }) => {
  // Harstad's Bronze of 2017 has long lapsed; a new label (Gold, from an external assessment:
  // a Bronze would need a benchmarking of that time), interviewed 23 months ago, ends next month.
  const interviewOn = format(subMonths(new Date(), 23), "yyyy-MM-dd");
  const validUntil = format(endOfMonth(addMonths(subMonths(new Date(), 23), 24)), "yyyy-MM-dd");
  await signInAs(page, "coordinator");
  await openPage(page, "/labels");
  const record = page.getByRole("form", { name: "Record a label" });
  await record.getByLabel("Cluster").selectOption("arc-harstad-offshore");
  await record.getByLabel("Level").selectOption("GOLD");
  await record.getByLabel("Interview date").fill(interviewOn);
  await record.getByLabel(/^Score/).fill("84");
  await record.getByRole("button", { name: "Record the label" }).click();
  await expect(page.getByRole("row", { name: /Harstad Offshore Services Cluster/ })).toContainText(validUntil);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs(page, "policy");
  const inbox = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });
  await expect(inbox).toContainText(/\d+ unread/);
  await inbox.click();
  // Newest first: this one (the demo's 2019 reminders of Harstad's old label come after it).
  const reminder = page.getByRole("article", { name: /Label expires in \d+ days: Harstad Offshore Services Cluster/ }).first();
  await expect(reminder).toContainText(`valid to ${validUntil}`);
  await page.goto("/labels");
  const ahead = page.getByRole("region", { name: "Ahead" });
  await expect(ahead.getByRole("listitem").filter({ hasText: "Harstad Offshore Services Cluster" }).first()).toContainText(`Gold, valid to ${validUntil} · ▲ expiring soon`);
  // Labels are public, cluster pages are not: only Alta (which consented) is a link for her.
  await expect(ahead.getByRole("link", { name: "Alta Arctic Experience Cluster" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Harstad Offshore Services Cluster" })).toHaveCount(0);
  // The day the program's Silver goal was due is a link away: 1 of 4 clusters Silver then.
  await page.getByRole("link", { name: "2019-08-31" }).click();
  await expect(page.getByRole("region", { name: "Regional label goals" })).toContainText("1 on 2019-08-31");
  // As of 2019-06-15 the five Arctic Bronze labels of August 2017 were all expiring, Tromsø Marine's was Silver.
  await page.goto("/labels?asOf=2019-06-15");
  await expect(page.getByRole("region", { name: "By state" })).toContainText("5 ▲ expiring soon");
  await expect(page.getByRole("row", { name: /Tromsø Marine Tech Cluster/ })).toContainText("Silver");
  await expect(page.getByRole("button")).toHaveCount(2); // "Show" and "Sign out": a policy maker records nothing
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test("a coordinator imports the next round, sees the progress against the baseline and prints the report", async ({ page }) => {
  await signInAs(page, "coordinator");
  // A new cycle from the 2019 round as its baseline.
  await openPage(page, "/programs");
  const open = page.getByRole("form", { name: "Open a program" });
  await open.getByLabel("Name").fill("Arctic 2019-2021");
  await open.getByLabel(/^Baseline/).fill("2019-06-01");
  await open.getByLabel("Starts").fill("2019-06-05");
  await open.getByLabel(/^Ends/).fill("2031-12-31");
  await open.getByRole("button", { name: "Open the program" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arctic 2019-2021");
  const programUrl = page.url();
  await expect(page.getByRole("region", { name: "Progress against the baseline" })).toContainText("No cluster has been benchmarked again");

  // The 2020 round for Harstad: its team doubled (1.2 FTE for 26 members is 2.3 per 50: green).
  const rows = readFileSync(path.resolve("prisma/demo/benchmarks-2019.csv"), "utf8").trim().split("\n");
  const harstad = rows.find((r) => r.startsWith("arc-harstad-offshore,"))!.replace("2019-03-13", "2020-03-02").replace(",26,70,0.6,", ",26,70,1.2,");
  await openPage(page, "/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "round-2020.csv", mimeType: "text/csv", buffer: Buffer.from(`${rows[0]}\n${harstad}\n`) });
  await page.getByRole("button", { name: "Check the file" }).click();
  // The preview says which programs the round belongs to before anything is stored.
  await expect(page.getByRole("region", { name: /Preview of round-2020\.csv/ })).toContainText("Arctic 2019-2021 (1 cluster)");
  await page.getByRole("button", { name: "Store this assessment" }).click();
  await expect(page.getByRole("status")).toContainText("Stored import");

  await openPage(page, programUrl);
  const progress = page.getByRole("region", { name: "Progress against the baseline" });
  await expect(progress).toContainText(/1 of \d+ clusters benchmarked again/);
  await expect(progress.getByRole("row", { name: /^Capacity of Cluster Management/ })).toContainText("up");
  await expect(progress.getByRole("list", { name: "Lights of Harstad Offshore Services Cluster that changed colour" })).toContainText("C1 Team FTE per 50 committed participants: ✖ red → ✔ green");

  await progress.getByRole("link", { name: "The progress report for the review forum" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Progress report: Arctic 2019-2021");
  const capacity = page.getByRole("form", { name: "Observation on Capacity of Cluster Management" });
  await capacity.getByRole("textbox").fill("Harstad doubled its team with county co-funding.");
  await capacity.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("The observation on Capacity of Cluster Management was saved.");

  // Printed: no navigation, no form controls, the observation as text; an A4 PDF comes out.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(capacity.getByRole("textbox")).toBeHidden();
  await expect(page.getByText("Harstad doubled its team with county co-funding.").last()).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await page.emulateMedia({ media: "screen" });

  const csv = await page.request.get(`${new URL(programUrl).pathname}/report.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("\uFEFFprogram,scope,cluster,improvement_area,metric,baseline,baseline_date,target,due_date,state,health,latest_value,latest_date,latest_source,check_ins");
});

test("the pages of programs and labels hydrate without an error (the server's HTML is what React renders)", async ({ page }) => {
  const errors: Array<string> = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message.slice(0, 120)}`));
  await signInAs(page, "coordinator");
  await page.goto("/programs");
  const program = (await page.getByRole("link", { name: "Arctic 2017-2019" }).getAttribute("href"))!;
  for (const path of ["/labels?p=arctic&asOf=2019-06-15", "/inbox", program, `${program}/report`, "/clusters/arc-tromso-marine", "/methodology"]) {
    await openPage(page, path);
  }
  expect(errors).toEqual([]);
});
