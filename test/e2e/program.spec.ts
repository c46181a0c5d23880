import { expect, test, type Page } from "@playwright/test";
import { openPage, signInAs } from "./sign-in";

// The improvement program as each role meets it: the coordinator runs it, a cluster manager works
// on their cluster's goals, a policy maker follows the regional goals. The demo's Arctic program
// 2017-2019 is seeded (test/e2e/server.mjs); dates far ahead keep goals open whatever today is.

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A coordinator's new Arctic program from the 2017 baseline, running to a far end so its goals stay open. */
async function openProgram(page: Page, name: string) {
  await openPage(page, "/programs");
  const form = page.getByRole("form", { name: "Open a program" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(/^Baseline/).fill("2017-09-01");
  await form.getByLabel("Starts").fill("2017-10-30");
  await form.getByLabel(/^Ends/).fill("2031-12-31");
  await form.getByRole("button", { name: "Open the program" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("the form to open a program says what an empty end means, as the server computes it, and asks for two joint projects by default", async ({ page }) => {
  await signInAs(page, "coordinator");
  await openPage(page, "/programs");
  const form = page.getByRole("form", { name: "Open a program" });
  await expect(form.getByLabel(/^Joint projects the kickoff needs/)).toHaveValue("2");
  const ends = form.getByLabel(/^Ends/);
  await expect(ends).toHaveAccessibleName(/earliest expiry of the clusters' current labels that is at least a year after the start, else two years after the start/);
  // The portfolio is a choice of hers, and the open program of it is named before she opens another.
  await expect(form.getByLabel("Portfolio")).toHaveValue("arctic");
  await expect(form).toContainText("Still open: ");
  await expect(form).toContainText("Arctic 2017-2019 (Arctic, Review forum)");
  await expect(page.getByRole("row", { name: /^Arctic 2017-2019/ })).toContainText("Review forum");
});

test("the coordinator opens a program from the baseline, sets a goal, and runs a workshop to closed", async ({ page }) => {
  await signInAs(page, "coordinator");
  await openProgram(page, "Arctic, the long cycle");
  await expect(page.getByText("Arctic · 2017-10-30 to 2031-12-31")).toBeVisible();
  await expect(page.getByRole("region", { name: "Baseline scores" })).toContainText("47.8");
  await page.getByRole("button", { name: "Start the kickoff" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Kickoff forum" })).toContainText("(now)");
  const waitsFor = page.getByRole("status", { name: "What the next step waits for" });
  await expect(waitsFor).toContainText("The region has no agreed goal yet.");
  await expect(page.getByRole("button", { name: "Complete the kickoff" })).toHaveCount(0);

  // A regional goal from the frozen baseline: Activities and Services from 33.3 to 50.
  const add = page.getByRole("form", { name: "Add a goal" });
  await add.getByLabel(/^Metric/).selectOption("dimension:services");
  await add.getByLabel("Target").fill("50");
  await add.getByLabel("Due date").fill("2030-06-30");
  await add.getByRole("button", { name: "Add the goal" }).click();
  const goal = page.getByRole("article", { name: "Region: Activities and Services score" });
  await expect(goal).toContainText("from 33.3 (2017-09-01) to 50 by 2030-06-30");
  await goal.getByRole("button", { name: "Agree on this goal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The goal is agreed." })).toBeVisible();
  await expect(goal).toContainText("agreed");
  // Agreed after the demo's 2019 round was stored, the goal took its value (37.5 on 2019-05-15).
  // Health is read today: the line expects more than 42.3 from mid-August 2024 on, so the latest
  // value, 37.5, is behind by more than twice the 1.67 tolerated; an earlier check-in changes nothing.
  await expect(goal.getByText("Check-ins (1)")).toBeVisible();
  await expect(goal).toContainText("✖ off track");
  await goal.getByLabel("Value", { exact: true }).fill("39");
  await goal.getByLabel("On", { exact: true }).fill("2018-08-01");
  await goal.getByRole("button", { name: "Record the check-in" }).click();
  await expect(goal.getByText("Check-ins (2)")).toBeVisible();
  await expect(goal).toContainText("✖ off track");
  // The target reached today (the date the form proposes) is on track whatever the day.
  await goal.getByLabel("Value", { exact: true }).fill("50");
  await goal.getByRole("button", { name: "Record the check-in" }).click();
  await expect(goal).toContainText("✔ on track");
  await expect(goal.getByRole("img", { name: /check-ins against the expected line/ })).toBeVisible();
  await expect(waitsFor).not.toContainText("The region has no agreed goal yet.");

  // The kickoff took place on 30 October 2017: recorded on its date, held, followed up, closed.
  await expect(page.getByRole("heading", { level: 3, name: /^Forum \d/ })).toHaveCount(4);
  const schedule = page.getByRole("form", { name: "Schedule Forum 1: kickoff" });
  await schedule.getByLabel("Date").fill("2017-10-30");
  await schedule.getByLabel("Place").fill("Tromsø");
  await schedule.getByRole("button", { name: "Schedule" }).click();
  const forum1 = page.getByRole("article", { name: "Forum 1: kickoff" });
  await expect(forum1).toContainText("2017-10-30, Tromsø · in preparation");
  await expect(forum1.getByRole("row", { name: /Prepare the agenda/ })).toContainText("2017-10-02 · overdue");
  // Two days, with hours in the region's time zone; the page keeps its place at the workshop.
  await forum1.getByText("Edit title, place, agenda, themes and speakers").click();
  const details = forum1.getByRole("form", { name: "Details of Forum 1: kickoff" });
  await details.getByLabel("From").fill("09:00");
  await details.getByLabel("To", { exact: true }).fill("15:30");
  await details.getByLabel("Days").fill("2");
  const scrolled = await page.evaluate(() => window.scrollY);
  await details.getByRole("button", { name: "Save the details" }).click();
  await expect(forum1).toContainText("2017-10-30 to 2017-10-31, 09:00 to 15:30 each day, Tromsø · in preparation");
  expect(scrolled).toBeGreaterThan(500);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(150); // where she was, not the top nor the heading
  // A refusal shows next to its form: only the start time given.
  if (!(await details.isVisible())) await forum1.getByText("Edit title, place, agenda, themes and speakers").click();
  await details.getByLabel("To", { exact: true }).fill("");
  await details.getByRole("button", { name: "Save the details" }).click();
  await expect(details.getByRole("alert")).toHaveText("Give both the start and the end time, or neither (whole days).");
  // Shown there only: not at the top of the page, far from it, nor under another form.
  await expect(page.getByRole("alert").filter({ hasText: "Give both the start and the end time" })).toHaveCount(1);
  await forum1.getByRole("button", { name: "Mark as held" }).click();
  await expect(forum1).toContainText("· held");
  await forum1.getByRole("button", { name: "Start the follow-up" }).click();
  await expect(forum1).toContainText("· following up");
  await expect(forum1.getByRole("button", { name: "Close the workshop" })).toHaveCount(0); // follow-ups still open
  await forum1.getByLabel("Why waive: Follow up the regional commitments").fill("taken up at forum 2");
  await forum1.getByRole("row", { name: /Follow up the regional commitments/ }).getByRole("button", { name: "waive" }).click();
  for (const task of ["Send the minutes and the agreed actions", "Update the cluster's goals and tasks"]) {
    await forum1.getByRole("button", { name: `Mark done: ${task}` }).click();
    await expect(forum1.getByRole("row", { name: new RegExp(task) })).toContainText("done");
  }
  await forum1.getByRole("button", { name: "Close the workshop" }).click();
  await expect(forum1).toContainText("· closed");
  await expect(forum1.getByRole("button")).toHaveCount(0);

  // Everything the coordinator has on this page (suggestions, forms, tables) fits a phone.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test("a cluster manager accepts a suggested goal, records a check-in and sees its health", async ({ page }) => {
  await signInAs(page, "coordinator");
  await openProgram(page, "Arctic, the manager's cycle");
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs(page, "manager");
  await page.goto("/programs");
  await page.getByRole("link", { name: "Arctic, the manager's cycle" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Your goals" })).toBeVisible();
  await expect(page.getByText("you take part for Tromsø Marine Tech Cluster")).toBeVisible();
  // Nothing of the cycle or the workshops is his to run.
  await expect(page.getByRole("button", { name: /kickoff|Schedule|Mark as held/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 3, name: "Vadsø Arctic Food Cluster" })).toHaveCount(0);

  // C1 (team FTE per 50 members, 1.4 x 50 / 85 = 0.82) and D3 (new services in the last two
  // years) are red in his cluster's weakest dimensions.
  await expect(page.getByRole("form", { name: /^Accept: Tromsø Marine Tech Cluster: / })).toHaveCount(2);
  const accept = page.getByRole("form", { name: /^Accept: Tromsø Marine Tech Cluster: D3/ });
  await expect(accept.getByLabel("Target")).toHaveValue("2");
  await accept.getByLabel("Due").fill("2030-12-31");
  await accept.getByRole("button", { name: "Accept as a goal" }).click();
  const goal = page.getByRole("article", { name: /^Tromsø Marine Tech Cluster: D3/ });
  await expect(goal).toContainText("draft (not agreed yet)");
  await expect(goal).toContainText("from 0 (2017-09-01) to 2 by 2030-12-31");
  await goal.getByRole("button", { name: "Agree on this goal" }).click();
  await goal.getByLabel("Value", { exact: true }).fill("2");
  await goal.getByRole("button", { name: "Record the check-in" }).click();
  await expect(goal).toContainText("✔ on track");
  await goal.getByText("Check-ins (1)").click();
  await expect(goal.getByRole("row").nth(1)).toContainText("2");

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);

  // In the demo program, his cluster's goals and what its 2019 benchmarking changed.
  await page.goto("/programs");
  await page.getByRole("link", { name: "Arctic 2017-2019" }).click();
  await expect(page.getByRole("article", { name: "Tromsø Marine Tech Cluster: C1 Team FTE per 50 committed participants" })).toContainText("achieved ✔");
  await expect(page.getByRole("list", { name: "Lights of Tromsø Marine Tech Cluster that changed colour" })).toContainText("C1 Team FTE per 50 committed participants: ✖ red → ✔ green");
  await expect(page.getByRole("list", { name: /Lights of Alta/ })).toHaveCount(0); // not his cluster
  // His cluster's forum 4 task stays on his list once done, as a record.
  const myTasks = page.getByRole("region", { name: "Your tasks" });
  await expect(myTasks.getByRole("row", { name: /Prepare the cluster's progress and input/ })).toContainText("2019-05-21");
  await expect(myTasks.getByRole("row", { name: /Prepare the cluster's progress and input/ })).toContainText("done");
});

test("a policy maker follows the regional goals and the cycle, and changes nothing", async ({ page }) => {
  await signInAs(page, "policy");
  await page.goto("/programs");
  await page.getByRole("link", { name: "Arctic 2017-2019" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Regional goals" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Review forum" })).toContainText("(now)");
  // The 2019 round as the coordinator published it, for the region only.
  const progress = page.getByRole("region", { name: "Progress against the baseline" });
  await expect(progress.getByRole("row", { name: /^Overall/ })).toContainText("up 3.3");
  await expect(progress.getByRole("heading", { name: "Per cluster" })).toHaveCount(0);
  await expect(page.getByRole("article", { name: "Region: Team FTE (mean)" })).toContainText("from 0.8 (2017-09-01) to 1.6 by 2019-06-30");
  await expect(page.getByRole("article", { name: /^Tromsø Marine/ })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("article", { name: "Forum 1: preparing the improvement program" })).toContainText("2017-10-30 to 2017-10-31, 09:00 to 15:30 each day, Tromsø · closed");
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});
