// One run of the reminder job in a process of its own (for the two-server test in labels.test.ts).
const { sendLabelReminders } = await import("../../app/labels.server");
const { disconnectDb } = await import("../../app/db.server");
process.stdout.write(String(await sendLabelReminders(process.argv[2]!)));
await disconnectDb();
