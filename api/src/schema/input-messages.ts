// The sentences of input validation (zod rules in the schema), in Chinese. The schema states its
// rules in English; a caller whose Accept-Language is Chinese gets them from here. A message
// missing here stays English (the API still answers; the test lists what is covered).

import type { MessageLocale } from "../messages.js";

const ZH: Record<string, string> = {
  "A crate stands in at least one tier.": "包装箱至少可堆 1 层。",
  "Add at least one cargo line.": "请至少添加一条货物明细。",
  "At most 10,000 vehicles per call; import a CSV file for more.": "每次最多 10000 辆车；更多请导入 CSV 文件。",
  "At most 20 fee steps.": "最多 20 个费用档。",
  "At most 60 countries.": "最多 60 个国家。",
  "Enter a name.": "请输入名称。",
  "Enter a valid email address.": "请输入有效的电子邮箱地址。",
  "Enter your email address.": "请输入您的电子邮箱地址。",
  "Enter your password.": "请输入密码。",
  "Give at least one role.": "请至少指定一个角色。",
  "Give at least one vehicle.": "请至少提供一辆车。",
  "Give one container.": "请指定一个集装箱。",
  "Keep the reason under 500 characters.": "原因请少于 500 个字符。",
  "Name the key after what uses it.": "请按使用方为密钥命名。",
  "Quantity must be at least 1.": "数量至少为 1。",
  "Quantity must be at most 20,000 per line.": "每条明细数量最多 20000。",
  "Too small: dimensions are in millimetres.": "数值过小：尺寸单位为毫米。",
  "Use 2–63 lowercase letters, digits and dashes.": "请使用 2 至 63 个小写字母、数字和连字符。",
  "Use HH:MM, e.g. 09:30.": "请使用 HH:MM 格式，如 09:30。",
  "Use YYYY-MM-DD.": "请使用 YYYY-MM-DD 格式。",
  "Use a 6–10 digit HS code.": "请使用 6 至 10 位 HS 编码。",
  "Use a date YYYY-MM-DD.": "请使用 YYYY-MM-DD 格式的日期。",
  "Use a phone number such as +86 23 6868 9999.": "请使用形如 +86 23 6868 9999 的电话号码。",
  "Use a real calendar date.": "请使用真实存在的日期。",
  "Use a two-letter ISO country code.": "请使用两位 ISO 国家代码。",
  "Use an EU type-approval number such as e4*168/2013*00123*00.": "请使用形如 e4*168/2013*00123*00 的欧盟型式批准号。",
  "Use an IANA time zone such as Asia/Shanghai.": "请使用形如 Asia/Shanghai 的 IANA 时区。",
  "Use an ISO 4217 code such as CNY.": "请使用形如 CNY 的 ISO 4217 币种代码。",
  "Use an ISO 4217 code such as USD.": "请使用形如 USD 的 ISO 4217 币种代码。",
  "Use an idempotency key of at least 8 characters (a UUID).": "幂等键至少 8 个字符（建议使用 UUID）。",
  "Use at least 10 characters for a password.": "密码至少 10 个字符。",
  "The input is not valid.": "输入无效。",
};

/** An input rule's sentence in the caller's language. */
export function inputMessage(message: string, locale: MessageLocale | undefined): string {
  return locale === "zh-CN" ? (ZH[message] ?? message) : message;
}

/** The English sentences that have a Chinese one (for tests). */
export const TRANSLATED_INPUT_MESSAGES: readonly string[] = Object.keys(ZH);
