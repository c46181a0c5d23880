// One run of the reminder job in a process of its own (for the two-server test in labels.test.ts).
import { disconnectDb } from "../../app/db.server";
import { sendLabelReminders } from "../../app/labels.server";

process.stdout.write(String(await sendLabelReminders(process.argv[2]!)));
await disconnectDb();
