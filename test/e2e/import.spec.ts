import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

// One shared server database: these run in order; they add assessments dated 2018 only, so the
// scorecard tests (as of 2017-09-01) see the demo data unchanged.
test.describe.configure({ mode: "serial" });
test.beforeEach(async ({ page }) => signInAs(page, "admin"));

const HEADER = "cluster,name,portfolios,assessed_on,members,potential_members,fte,public_funding_pct,sme_pct,S1,S4,SU1";
const BAD = [HEADER, "arc-new,Alta Arctic Food,arctic;norway,2018-13-01,30,80,1.2,40,80,30,yes,24", "arc-new2,,arctic,2018-05-01,x,80,1.2,40,80,30,perhaps,24"].join("\n");
const GOOD = [HEADER, "arc-e2e,Alta Arctic Food,arctic;norway,2018-03-01,30,80,1.2,40,80,30,yes,24"].join("\n");

async function upload(page: Page, name: string, content: string) {
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Check the file" }).click();
}

async function arcticClusters(page: Page, asOf: string) {
  await page.goto(`/scorecard?asOf=${asOf}&p=arctic`);
  return page.getByRole("definition").filter({ hasText: /clusters$/ }).first().textContent();
}

test("a file with errors stores nothing and lists each error with line and column", async ({ page }) => {
  await upload(page, "bad.csv", BAD);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("bad.csv: nothing was stored");
  await expect(alert).toContainText("4 problems to fix in the file");
  await expect(alert.getByRole("heading")).toBeFocused();
  await expect(alert).toContainText('bad.csv line 2, column assessed_on: "2018-13-01" is not a date (YYYY-MM-DD)');
  await expect(alert).toContainText("bad.csv line 3, column name: must not be blank");
  await expect(alert).toContainText('bad.csv line 3, column members: "x" is not a number');
  await expect(alert).toContainText('bad.csv line 3, column S4: "perhaps" is not yes/no, true/false or 1/0');
  expect(await arcticClusters(page, "2018-12-31")).toBe("6 clusters");
});

test("a good file is previewed, confirmed, and changes the scorecard; the same file again is refused", async ({ page }) => {
  expect(await arcticClusters(page, "2018-12-31")).toBe("6 clusters");
  await upload(page, "good.csv", GOOD);
  const preview = page.getByRole("region", { name: /Preview of good\.csv/ });
  await expect(preview).toContainText("1 assessment of 1 cluster organisation (1 new), dated 2018-03-01 to 2018-03-01");
  await expect(preview.getByRole("row", { name: /Alta Arctic Food/ })).toContainText("Arctic, Norway");
  await preview.getByRole("button", { name: "Store this assessment" }).click();
  await expect(page.getByRole("status")).toContainText(/Stored import #\d+: 1 assessment from good\.csv/);
  expect(await arcticClusters(page, "2018-12-31")).toBe("7 clusters");
  expect(await arcticClusters(page, "2017-09-01")).toBe("6 clusters");

  await upload(page, "good-again.csv", GOOD);
  await expect(page.getByRole("alert")).toContainText("this file was already imported");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the import works as plain form posts", async ({ page }) => {
    const csv = [HEADER, "arc-nojs,Hammerfest Energy Lab,arctic,2018-06-01,12,40,0.4,50,90,12,no,6"].join("\n");
    // signed in without JavaScript too: the sign-in form is a plain form post
    await upload(page, "nojs.csv", csv);
    await expect(page.getByRole("region", { name: /Preview of nojs\.csv/ })).toBeVisible();
    await page.getByRole("button", { name: "Store this assessment" }).click();
    await expect(page.getByRole("status")).toContainText("from nojs.csv");
    expect(await arcticClusters(page, "2018-12-31")).toBe("8 clusters");
  });
});

