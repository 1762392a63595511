#!/usr/bin/env python3
"""Loads the IBM "Accounts Receivable" sample into a running platform and compares the platform's figures with the
dataset's own columns: aging as of several dates, days late per invoice, and whether the customers that really paid
latest get the worst risk ratings.

Usage (platform running, e.g. deploy/start.sh):
    deploy/tools/ibm-ar-check.py path/to/WA_Fn-UseC_-Accounts-Receivable.csv [--gateway http://127.0.0.1:5080]

It creates a fresh tenant, registers the 100 customers, uploads the invoices and then the settlements (one payment
per invoice on its SettledDate, allocated to it) as CSV import jobs, waits for them, and prints what agrees and what
does not. The file is read from where you point it; nothing of it is copied into the repository.
"""
import argparse, collections, csv, datetime, io, json, sys, time, urllib.error, urllib.request, uuid, os

def request(gateway, method, path, token=None, body=None, content_type="application/json", form=None):
    data, headers = None, {}
    if form is not None:
        data = urllib.parse.urlencode(form).encode(); headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode(); headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(gateway + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()[:500]}")

def d(text):
    m, day, y = (int(x) for x in text.split("/"))
    return datetime.date(y, m, day)

def bucket(days):
    for label, upper in (("Not due", 0), ("1-30", 30), ("31-60", 60), ("61-90", 90), ("91-180", 180)):
        if days <= upper:
            return label
    return "180+"

def main():
    import urllib.parse  # noqa: F401 (used by request)
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--gateway", default="http://127.0.0.1:5080")
    parser.add_argument("--admin-secret", default=None, help="default: from .data/parameters.json")
    args = parser.parse_args()
    g = args.gateway.rstrip("/")
    secret = args.admin_secret or json.load(open(os.path.join(os.path.dirname(__file__), "../../.data/parameters.json")))["admin-client-secret"]

    rows = list(csv.DictReader(open(args.csv, newline="", encoding="utf-8-sig")))
    print(f"{len(rows)} invoices of {len({r['customerID'] for r in rows})} customers")
    admin = request(g, "POST", "/connect/token", form={"grant_type": "client_credentials", "client_id": "platform-admin", "client_secret": secret})["access_token"]
    code = "ibm-" + uuid.uuid4().hex[:6]
    tenant = request(g, "POST", "/api/v1/tenants", admin, {"name": "IBM AR sample", "code": code})["id"]
    client = request(g, "POST", f"/api/v1/tenants/{tenant}/clients", admin,
                     {"name": "ibm-check", "scopes": ["customers.read", "customers.write", "invoices.read", "invoices.write", "reports.read"]})
    token = request(g, "POST", "/connect/token", form={"grant_type": "client_credentials", "client_id": client["clientId"], "client_secret": client["clientSecret"]})["access_token"]

    for customer in sorted({r["customerID"] for r in rows}):
        request(g, "POST", "/api/v1/customers", token, {"code": customer, "name": f"IBM customer {customer}"})

    def upload(kind, header, lines):
        text = io.StringIO(); w = csv.writer(text); w.writerow(header); w.writerows(lines)
        job = request(g, "POST", f"/api/v1/{kind}/imports", token, text.getvalue().encode(), "text/csv")
        while job["status"] not in ("completed", "failed"):
            time.sleep(1); job = request(g, "GET", f"/api/v1/{kind}/imports/{job['id']}", token)
            print(f"  {kind}: {job['rowsDone']} of {job['totalRows']} rows", end="\r")
        print(f"  {kind}: {job['status']}: {job['created']} created, {job['duplicates']} duplicates, {job['rejected']} rejected" + " " * 10)
        for e in job["errors"][:5]:
            print(f"    line {e['line']} {e['field']}: {e['message']}")
        return job

    upload("invoices", ["number", "customerCode", "invoiceDate", "dueDate", "amount"],
           [[r["invoiceNumber"], r["customerID"], d(r["InvoiceDate"]).isoformat(), d(r["DueDate"]).isoformat(), r["InvoiceAmount"]] for r in rows])
    upload("payments", ["customerCode", "amount", "receivedOn", "mode", "reference", "allocations"],
           [[r["customerID"], r["InvoiceAmount"], d(r["SettledDate"]).isoformat(), "NEFT", f"SETTLE-{r['invoiceNumber']}",
             f"{r['invoiceNumber']}:{r['InvoiceAmount']}"] for r in rows])

    print("\nAging as of a date: dataset (open = invoiced on or before, settled after) vs platform")
    agree = True
    for as_of in ["2012-03-31", "2012-09-30", "2013-01-31", "2013-06-30", "2013-10-31", "2013-12-31"]:
        day = datetime.date.fromisoformat(as_of)
        expected = collections.Counter()
        for r in rows:
            if d(r["InvoiceDate"]) <= day < d(r["SettledDate"]):
                expected[bucket((day - d(r["DueDate"])).days)] += round(float(r["InvoiceAmount"]) * 100)
        deadline = time.time() + 60
        while True:
            report = request(g, "GET", f"/api/v1/reports/aging?asOf={as_of}", token)
            actual = {b["label"]: round(b["amount"] * 100) for b in report["buckets"]}
            same = all(actual.get(k, 0) == expected.get(k, 0) for k in set(actual) | set(expected))
            if same or time.time() > deadline:
                break
            time.sleep(1)
        agree &= same
        print(f"  {as_of}: {'agrees' if same else 'DIFFERS'}; total {sum(expected.values()) / 100:,.2f}; "
              + ", ".join(f"{k} {actual.get(k, 0) / 100:,.2f}" for k in ["Not due", "1-30", "31-60", "61-90", "91-180", "180+"]))

    print("\nDays late per invoice: dataset's DaysLate vs settlement date − due date from the invoice's ledger history")
    invoices, page = {}, 1
    while True:
        batch = request(g, "GET", f"/api/v1/invoices?page={page}&pageSize=500", token)
        invoices.update({i["number"]: i["id"] for i in batch["items"]})
        if page * 500 >= batch["total"]:
            break
        page += 1
    mismatches = 0
    for r in rows:
        invoice = request(g, "GET", f"/api/v1/invoices/{invoices[r['invoiceNumber']]}", token)
        settled = max(datetime.date.fromisoformat(h["effectiveDate"]) for h in invoice["history"] if h["amount"] < 0)
        late = max(0, (settled - datetime.date.fromisoformat(invoice["dueDate"])).days)
        if invoice["status"] != "paid" or late != int(r["DaysLate"]):
            mismatches += 1
            if mismatches <= 5:
                print(f"  {r['invoiceNumber']}: status {invoice['status']}, platform {late} days late, dataset {r['DaysLate']}")
    print(f"  {len(rows) - mismatches} of {len(rows)} invoices paid with the dataset's days late")
    risk_ok = check_risk(g, token, rows)
    sys.exit(0 if agree and mismatches == 0 and risk_ok else 1)

def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result

def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    return cov / (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5

def check_risk(g, token, rows, as_of="2013-12-31"):
    """Risk ratings as of the end of the data vs each customer's real lateness (amount-weighted DaysLate)."""
    print(f"\nRisk ratings as of {as_of} vs how late each customer really paid (dataset)")
    customers = {c["code"]: c["id"] for c in request(g, "GET", "/api/v1/customers?pageSize=500", token)["items"]}
    truth = {}
    for code in customers:
        mine = [r for r in rows if r["customerID"] == code]
        amount = sum(float(r["InvoiceAmount"]) for r in mine)
        truth[code] = (sum(float(r["InvoiceAmount"]) * int(r["DaysLate"]) for r in mine) / amount,
                       sum(1 for r in mine if int(r["DaysLate"]) > 0) / len(mine))
    deadline, risk = time.time() + 300, {}
    while True:  # the behaviour events reach Customers asynchronously
        risk = {code: request(g, "GET", f"/api/v1/customers/{cid}/risk?asOf={as_of}", token) for code, cid in customers.items()}
        settled = sum(r["behaviour"]["invoicesSettled"] for r in risk.values())
        expected = sum(1 for r in rows if d(r["SettledDate"]) <= datetime.date.fromisoformat(as_of))
        if settled == expected or time.time() > deadline:
            break
        print(f"  waiting for the settlements to reach Customers: {settled} of {expected}", end="\r")
        time.sleep(3)
    codes = sorted(customers, key=lambda c: truth[c][0])
    rho = spearman([truth[c][0] for c in codes], [risk[c]["score"] for c in codes])
    by_rating = collections.defaultdict(list)
    for c in codes:
        by_rating[risk[c]["rating"]].append(truth[c][0])
    print(f"  Spearman rank correlation, risk score vs real amount-weighted days late: {rho:.2f}")
    for rating in sorted(by_rating, key=lambda r: r or "Z"):
        late = by_rating[rating]
        print(f"  rating {rating}: {len(late)} customers, real days late {min(late):.1f} to {max(late):.1f} (mean {sum(late) / len(late):.1f})")
    latest = codes[-10:]
    print("  the 10 latest payers: " + ", ".join(f"{c} {truth[c][0]:.1f} days -> {risk[c]['rating']}" for c in reversed(latest)))
    worst = [c for c in codes if risk[c]["rating"] in ("D", "E")]
    punctual = [c for c in codes if truth[c][0] < 1]
    wrongly = [c for c in punctual if risk[c]["rating"] in ("D", "E")]
    print(f"  {len(worst)} customers rated D or E; {len(wrongly)} of the {len(punctual)} who paid on time on average rated D or E")
    return rho >= 0.8 and not wrongly

if __name__ == "__main__":
    main()
