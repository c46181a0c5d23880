import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// The main actions of a program are plain forms: they work with JavaScript switched off (each
// post answers with a redirect to the page, which says what was done).
test.use({ javaScriptEnabled: false });

test("without JavaScript, a coordinator opens a program, starts the kickoff, sets and agrees a goal, and runs a workshop", async ({ page }) => {
  await signInAs(page, "coordinator");
  await page.goto("/programs");
  const open = page.getByRole("form", { name: "Open a program" });
  await open.getByLabel("Name").fill("Arctic, without scripts");
  await open.getByLabel(/^Baseline/).fill("2017-09-01");
  await open.getByLabel("Starts").fill("2017-10-30");
  await open.getByLabel(/^Ends/).fill("2031-12-31");
  await open.getByRole("button", { name: "Open the program" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arctic, without scripts");

  await page.getByRole("button", { name: "Start the kickoff" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Kickoff forum" })).toContainText("(now)");

  const add = page.getByRole("form", { name: "Add a goal" });
  await add.getByLabel(/^Metric/).selectOption("dimension:services");
  await add.getByLabel("Target").fill("50");
  await add.getByLabel("Due date").fill("2030-06-30");
  await add.getByRole("button", { name: "Add the goal" }).click();
  const goal = page.getByRole("article", { name: "Region: Activities and Services score" });
  await goal.getByRole("button", { name: "Agree on this goal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The goal is agreed." })).toBeVisible();
  // Agreed after the demo's 2019 round was stored, it takes that round's value, as the import gives it.
  await expect(goal.getByText("Check-ins (1)")).toBeVisible();
  await goal.getByLabel("Value", { exact: true }).fill("45");
  await goal.getByRole("button", { name: "Record the check-in" }).click();
  await expect(goal.getByText("Check-ins (2)")).toBeVisible();
  await expect(page).toHaveURL(/\?done=check-in#goal-[0-9a-f-]+$/); // back at the goal, not the top of the page
  // A refusal comes back there too, said next to the form.
  await goal.getByLabel("Value", { exact: true }).fill("-3");
  await goal.getByRole("button", { name: "Record the check-in" }).click();
  await expect(page).toHaveURL(/#goal-[0-9a-f-]+$/);
  await expect(goal.getByRole("alert")).toHaveText("The value must be a score from 0 to 100.");
  await goal.getByText("Check-ins (2)").click();
  await expect(goal.getByRole("row", { name: /2019-05-15/ })).toContainText("37.5");

  const schedule = page.getByRole("form", { name: "Schedule Forum 1: kickoff" });
  await schedule.getByLabel("Date").fill("2017-10-30");
  await schedule.getByLabel("Place").fill("Tromsø");
  await schedule.getByRole("button", { name: "Schedule" }).click();
  const forum1 = page.getByRole("article", { name: "Forum 1: kickoff" });
  await expect(forum1).toContainText("2017-10-30, Tromsø · in preparation");
  await forum1.getByRole("button", { name: "Mark as held" }).click();
  await expect(forum1).toContainText("· held");
});
