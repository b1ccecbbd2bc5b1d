"""Each role signs in and does one real thing in the console (issue: the console, item 5)."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.visit import Visit


def test_clerk_sees_the_to_do_list_and_records_an_answer_that_meets_its_deadline(visit: Visit):
    visit.sign_in("clerk", "demo-clerk-pass")
    page = visit.page
    assert page.locator("h1").inner_text() == "待办事项"
    todo = page.locator("table").inner_text()
    for number in ("（2026）粤0106行初101号", "（2026）粤0106行初102号", "（2026）粤0106行初103号"):
        assert number in todo
    assert page.locator("tr.overdue").count() >= 1, "the overdue case is not marked"
    visit.check("todo")

    # Any spelling of the number: half-width brackets here, full-width as filed.
    page.click("text=查案号")
    page.fill("#number", "(2026)粤0106行初102号")
    page.click("form[role=search] button")
    page.click("text=（2026）粤0106行初102号")
    page.wait_for_selector("form[data-command=submit_answer]")
    visit.check("case")

    answer_row = page.locator("tr", has_text="向人民法院提交答辩状")
    assert "还剩" in answer_row.inner_text()
    form = page.locator("form[data-command=submit_feedback]")
    form.locator("select[name=subject]").select_option("performance")
    form.locator("button").click()
    expect(form.locator("p.error")).not_to_be_empty()  # the 409's message, in Chinese

    page.locator("form[data-command=submit_answer] button").click()
    page.wait_for_selector("p.ok")
    answer_row = page.locator("tr", has_text="向人民法院提交答辩状")
    assert "已完成" in answer_row.inner_text(), answer_row.inner_text()
    visit.check("case-answered")


def test_bureau_officer_approves_a_loss_report_from_the_review_queue(visit: Visit):
    visit.sign_in("bureau", "demo-bureau-pass")
    page = visit.page
    assert page.locator("h1").inner_text() == "辖区总览"
    queue = page.locator("section", has_text="待审核的败诉报告")
    assert "（2026）粤0106行初88号" in queue.inner_text()
    visit.check("dashboard")
    queue.locator("a", has_text="行初88号").click()
    form = page.locator("form[data-command=review_report]")
    form.wait_for()
    visit.check("case-review")
    form.locator("select[name=result]").select_option("approved")
    form.locator("textarea[name=opinion]").fill("分析到位，整改措施可行。")
    form.locator("button").click()
    page.wait_for_selector("p.ok")
    assert "审核通过" in page.locator("dl.facts").inner_text()
    page.click("text=辖区总览")
    page.wait_for_selector("section >> text=待审核的败诉报告")
    assert "行初88号" not in page.locator("section", has_text="待审核的败诉报告").inner_text()
    # Approved, the lost case waits for the accountability procedure's next step.
    assert "行初88号" in page.locator("section", has_text="待推进的追责案件").inner_text()


def test_mobile_reader_on_a_phone_reads_cases_and_sees_no_form(visit: Visit):
    visit.sign_in("head", "demo-head-pass")
    page = visit.page
    assert page.locator("h1").inner_text() == "本单位案件"
    assert "（2026）粤0106行初101号" in page.locator("main").inner_text()
    visit.check("reader")
    page.locator("a", has_text="行初103号").first.click()
    page.wait_for_selector("text=只读：本账户不能办理。")
    assert page.locator("main form").count() == 0
    visit.check("case-read-only")


def test_english_switch_and_password_page(visit: Visit):
    visit.sign_in("th-clerk", "demo-thclerk-pass")
    page = visit.page
    page.click("text=English")
    page.wait_for_selector("h1:text('To do')")
    assert page.locator("html").get_attribute("lang") == "en"
    visit.check("todo-english")
    page.click("text=Password")
    page.fill("#current_password", "not-my-password")
    page.fill("#new_password", "another-long-password")
    page.click("main form button")
    expect(page.locator("[data-field=current_password]")).not_to_be_empty()
    visit.check("password")
    page.click("text=中文")


def test_administrator_lists_accounts(visit: Visit):
    visit.sign_in("admin", "demo-admin-pass")
    assert "clerk" in visit.page.locator("table").inner_text()
    visit.check("accounts")


def test_operator_page_shows_sent_reminders_and_the_outbox(visit: Visit):
    visit.open("/console", base="notifier")
    visit.check("operator-sign-in")
    page = visit.page
    page.fill("#token", visit.system["operator_token"])
    page.click("#token-form button")
    page.wait_for_selector("#deliveries table")
    for _ in range(30):  # the notifier follows the feed and sends in the background
        if page.locator("#outbox article").count():
            break
        page.wait_for_timeout(1000)
        page.select_option("#state", "sent")
    assert page.locator("#outbox article").count() > 0, "nothing reached the local outbox"
    visit.check("operator")


def test_docs_pages_render_with_every_outside_host_blocked(visit: Visit):
    for base in ("case_api", "notifier"):
        visit.open("/docs", base=base)
        visit.page.wait_for_selector(".swagger-ui .info .title")
        visit.page.screenshot(path=str(visit.folder / f"{base}-docs.png"))
        visit.open("/redoc", base=base)
        visit.page.wait_for_selector("redoc h1, [role=navigation]")
        visit.page.screenshot(path=str(visit.folder / f"{base}-redoc.png"))
    assert date.today().year >= 2026


def test_agency_clerk_finds_the_loss_report_forms_with_the_packs_sections(visit: Visit):
    visit.sign_in("th-clerk", "demo-thclerk-pass")
    page = visit.page
    page.click("text=查案号")
    page.fill("#number", "（2026）粤0106行初88号")
    page.click("form[role=search] button")
    page.click("text=（2026）粤0106行初88号")
    draft = page.locator("form[data-command=draft_loss_report]")
    draft.wait_for()
    # Guangzhou's sections [004 5-④], labelled as the pack names them.
    assert "败诉分析" in draft.inner_text() and "履行方案" in draft.inner_text()
    assert not draft.locator("input[name=major_case]").is_checked()
    # The report already reached the bureau: no draft is waiting for a step.
    step = page.locator("form[data-command=record_loss_report_step]")
    step.locator("button").click()
    expect(step.locator("p.error")).not_to_be_empty()
