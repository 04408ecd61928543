"""The console's words in the court's working languages: Russian and Kazakh, English as fallback.

A label missing in the chosen language falls back to English, then to its own key, so a new
field is never blank. Values of the API's enums (kinds, stages, roles) are labelled by value."""

from __future__ import annotations

LANGUAGES = ("ru", "kk", "en")
DEFAULT = "ru"
COOKIE = "sotflow_lang"

LABELS: dict[str, dict[str, str]] = {
    "console": {"en": "Court staff console", "ru": "Консоль сотрудника суда", "kk": "Сот қызметкерінің консолі"},
    "sign_in": {"en": "Sign in", "ru": "Войти", "kk": "Кіру"},
    "sign_out": {"en": "Sign out", "ru": "Выйти", "kk": "Шығу"},
    "token": {"en": "Account token", "ru": "Токен учётной записи", "kk": "Есептік жазба токені"},
    "token_help": {
        "en": "The token made by `sotflow users add` (printed by `make run` for the demo accounts).",
        "ru": "Токен, выданный `sotflow users add` (для демо-учётных записей его печатает `make run`).",
        "kk": "`sotflow users add` берген токен (демо есептік жазбалар үшін оны `make run` шығарады).",
    },
    "bad_token": {
        "en": "This token is not valid or the account is deactivated.",
        "ru": "Токен недействителен или учётная запись отключена.",
        "kk": "Токен жарамсыз немесе есептік жазба өшірілген.",
    },
    "session_ended": {
        "en": "Your session has ended. Sign in again.",
        "ru": "Сеанс завершён. Войдите снова.",
        "kk": "Сеанс аяқталды. Қайта кіріңіз.",
    },
    "bad_csrf": {
        "en": "The form has expired (no valid form token). Reload the page and try again.",
        "ru": "Форма устарела (нет действительного токена формы). Обновите страницу и повторите.",
        "kk": "Пішіннің мерзімі өтті (жарамды пішін токені жоқ). Бетті жаңартып, қайталаңыз.",
    },
    "language": {"en": "Language", "ru": "Язык", "kk": "Тіл"},
    "switch": {"en": "Switch", "ru": "Переключить", "kk": "Ауыстыру"},
    "home": {"en": "My page", "ru": "Моя страница", "kk": "Менің бетім"},
    "incoming_register": {"en": "Incoming register", "ru": "Журнал входящих", "kk": "Кіріс журналы"},
    "today_items": {"en": "Registered today", "ru": "Зарегистрировано сегодня", "kk": "Бүгін тіркелген"},
    "register_item": {
        "en": "Register an incoming item",
        "ru": "Зарегистрировать входящий документ",
        "kk": "Кіріс құжатты тіркеу",
    },
    "register": {"en": "Register", "ru": "Зарегистрировать", "kk": "Тіркеу"},
    "registered": {"en": "Registered", "ru": "Зарегистрировано", "kk": "Тіркелді"},
    "replayed": {
        "en": "Already registered by this form: nothing new was recorded.",
        "ru": "Уже зарегистрировано этой формой: ничего нового не записано.",
        "kk": "Бұл пішінмен тіркеліп қойған: жаңа ештеңе жазылмады.",
    },
    "admissible": {"en": "Admissible", "ru": "Допустимо", "kk": "Рұқсат етілген"},
    "returned_with_ground": {
        "en": "Registered and to be returned: ",
        "ru": "Зарегистрировано и подлежит возврату: ",
        "kk": "Тіркелді және қайтарылуы тиіс: ",
    },
    "findings": {"en": "Admissibility findings", "ru": "Проверка допустимости", "kk": "Жол берілуін тексеру"},
    "form_errors": {
        "en": "The form has errors: see the marked fields.",
        "ru": "В форме есть ошибки: см. отмеченные поля.",
        "kk": "Пішінде қателер бар: белгіленген өрістерді қараңыз.",
    },
    "none": {"en": "Nothing here.", "ru": "Записей нет.", "kk": "Жазба жоқ."},
    "trail.latest": {
        "en": "The latest {n} events; the whole trail is on the auditor's page.",
        "ru": "Последние события ({n}); весь журнал — на странице аудита.",
        "kk": "Соңғы оқиғалар ({n}); толық журнал — аудит бетінде.",
    },
    "signing_authorities": {
        "en": "Who may sign international legal assistance documents (§13)",
        "ru": "Право подписи документов по международной правовой помощи (§13)",
        "kk": "Халықаралық құқықтық көмек құжаттарына қол қою құқығы (§13)",
    },
    "signer": {"en": "Signer", "ru": "Подписант", "kk": "Қол қоюшы"},
    "capacity": {"en": "Capacity", "ru": "В качестве", "kk": "Мәртебесі"},
    "valid_from": {"en": "Valid from", "ru": "Действует с", "kk": "Қолданылу басталуы"},
    "valid_to": {"en": "Valid until", "ru": "Действует до", "kk": "Қолданылу аяқталуы"},
    "basis": {"en": "Order (basis)", "ru": "Приказ (основание)", "kk": "Бұйрық (негіздеме)"},
    "until_revoked": {"en": "until revoked", "ru": "до отмены", "kk": "күші жойылғанға дейін"},
    "search.unasked": {
        "en": "Type a registration number, a lower-court case number or a filer's name.",
        "ru": "Введите регистрационный номер, номер дела суда нижестоящей инстанции или имя заявителя.",
        "kk": "Тіркеу нөмірін, төменгі сот ісінің нөмірін немесе өтініш берушінің атын енгізіңіз.",
    },
    "next_page": {"en": "Next page", "ru": "Следующая страница", "kk": "Келесі бет"},
    "first_page": {"en": "First page", "ru": "Первая страница", "kk": "Бірінші бет"},
    "newest_first": {"en": "Newest first", "ru": "Сначала новые", "kk": "Алдымен жаңалары"},
    "oldest_first": {"en": "Oldest first", "ru": "Сначала старые", "kk": "Алдымен ескілері"},
    "optional": {"en": "optional", "ru": "необязательно", "kk": "міндетті емес"},
    # incoming item fields
    "kind": {"en": "Kind", "ru": "Вид", "kk": "Түрі"},
    "court": {"en": "Court", "ru": "Суд", "kk": "Сот"},
    "received_at": {
        "en": "Received (court time)",
        "ru": "Поступило (время суда)",
        "kk": "Түскен уақыты (сот уақыты)",
    },
    "channel": {"en": "Channel", "ru": "Способ подачи", "kk": "Беру тәсілі"},
    "filer.name": {"en": "Filer", "ru": "Заявитель", "kk": "Өтініш беруші"},
    "filer.procedural_role": {"en": "Filer's role", "ru": "Процессуальное положение", "kk": "Процестік жағдайы"},
    "lower_court_case_ref": {
        "en": "Lower court's case number",
        "ru": "Номер дела нижестоящего суда",
        "kk": "Төменгі сот ісінің нөмірі",
    },
    "contested_act.court": {"en": "Court of the contested act", "ru": "Суд, вынесший акт", "kk": "Актіні шығарған сот"},
    "contested_act.kind": {"en": "Contested act", "ru": "Обжалуемый акт", "kk": "Шағымданылатын акт"},
    "contested_act.act_date": {"en": "Date of the act", "ru": "Дата акта", "kk": "Акт күні"},
    "contested_act.entered_into_force": {
        "en": "Entered into force",
        "ru": "Вступил в законную силу",
        "kk": "Заңды күшіне енді",
    },
    "contested_act.copy_received_on": {"en": "Copy received on", "ru": "Копия получена", "kk": "Көшірме алынды"},
    "offence.article": {"en": "Criminal Code article", "ru": "Статья УК", "kk": "ҚК бабы"},
    "offence.category": {"en": "Offence category", "ru": "Категория преступления", "kk": "Қылмыс санаты"},
    "improves_position": {
        "en": "Improves the convict's position",
        "ru": "Улучшает положение осуждённого",
        "kk": "Сотталғанның жағдайын жақсартады",
    },
    "confidentiality": {"en": "Confidentiality", "ru": "Конфиденциальность", "kk": "Құпиялылық"},
    "related_item_id": {"en": "Related item (id)", "ru": "Связанный документ (id)", "kk": "Байланысты құжат (id)"},
    "true": {"en": "yes", "ru": "да", "kk": "иә"},
    "false": {"en": "no", "ru": "нет", "kk": "жоқ"},
    "not_said": {"en": "—", "ru": "—", "kk": "—"},
    "default": {"en": "default", "ru": "по умолчанию", "kk": "әдепкі"},
    # register columns
    "number": {"en": "No.", "ru": "№", "kk": "№"},
    "filer": {"en": "Filer", "ru": "Заявитель", "kk": "Өтініш беруші"},
    "status": {"en": "Status", "ru": "Статус", "kk": "Мәртебесі"},
    "registered_at": {"en": "Registered", "ru": "Зарегистрировано", "kk": "Тіркелген"},
    # judge
    "my_cases": {"en": "My cases", "ru": "Мои дела", "kk": "Менің істерім"},
    "my_hearings": {
        "en": "My hearings this week",
        "ru": "Мои заседания на неделе",
        "kk": "Осы аптадағы отырыстарым",
    },
    "my_deadlines": {
        "en": "My deadlines: due this week and overdue",
        "ru": "Мои сроки: на этой неделе и просроченные",
        "kk": "Мерзімдерім: осы аптада және өтіп кеткен",
    },
    "stage": {"en": "Stage", "ru": "Стадия", "kk": "Сатысы"},
    "next_deadline": {"en": "Next deadline", "ru": "Ближайший срок", "kk": "Жақын мерзім"},
    "rapporteur": {"en": "Rapporteur", "ru": "Докладчик", "kk": "Баяндамашы"},
    "panel": {"en": "Panel", "ru": "Состав", "kk": "Құрам"},
    "room": {"en": "Room", "ru": "Зал", "kk": "Зал"},
    "when": {"en": "When", "ru": "Когда", "kk": "Қашан"},
    "due": {"en": "Due", "ru": "Срок", "kk": "Мерзімі"},
    "clause": {"en": "Clause", "ru": "Норма", "kk": "Норма"},
    "working_days_left": {"en": "Working days left", "ru": "Рабочих дней осталось", "kk": "Қалған жұмыс күндері"},
    "overdue": {"en": "overdue", "ru": "просрочен", "kk": "мерзімі өткен"},
    "open_case": {"en": "Open the case", "ru": "Открыть дело", "kk": "Істі ашу"},
    "case": {"en": "Case", "ru": "Дело", "kk": "Іс"},
    "version": {"en": "Version", "ru": "Версия", "kk": "Нұсқа"},
    "accept": {"en": "Accept into proceedings", "ru": "Принять к производству", "kk": "Іс жүргізуге қабылдау"},
    "return": {"en": "Return to the filer", "ru": "Вернуть заявителю", "kk": "Өтініш берушіге қайтару"},
    "reason": {"en": "Reason", "ru": "Основание", "kk": "Негіздеме"},
    "legal_basis": {"en": "Legal basis", "ru": "Правовое основание", "kk": "Құқықтық негіз"},
    "ruling": {
        "en": "Ruling per defendant",
        "ru": "Решение по каждому осуждённому",
        "kk": "Әр сотталған бойынша шешім",
    },
    "defendant": {"en": "Defendant", "ru": "Осуждённый", "kk": "Сотталған"},
    "outcome": {"en": "Outcome", "ru": "Результат", "kk": "Нәтиже"},
    "enter_ruling": {"en": "Enter the ruling", "ru": "Внести решение", "kk": "Шешімді енгізу"},
    "judicial_act": {"en": "Judicial act", "ru": "Судебный акт", "kk": "Сот актісі"},
    "document_ref": {"en": "Document reference", "ru": "Ссылка на документ", "kk": "Құжатқа сілтеме"},
    "act_text": {"en": "Text of the act", "ru": "Текст акта", "kk": "Акт мәтіні"},
    "act_public_text": {
        "en": "As the public reads it",
        "ru": "Как его видит публика",
        "kk": "Жұртшылық көретін мәтін",
    },
    "document_sha256": {"en": "Document SHA-256", "ru": "SHA-256 документа", "kk": "Құжаттың SHA-256"},
    "publishable": {"en": "To be published", "ru": "Подлежит публикации", "kk": "Жариялануы тиіс"},
    "enter_act": {"en": "Enter the act", "ru": "Внести акт", "kk": "Актіні енгізу"},
    "recorded": {"en": "Recorded.", "ru": "Записано.", "kk": "Жазылды."},
    "stale": {
        "en": "Someone changed this case since this page was shown (version {expected}, now {current}). "
        "Nothing was recorded: look at the case again and repeat if still right.",
        "ru": "Дело изменено с момента показа страницы (версия {expected}, сейчас {current}). "
        "Ничего не записано: посмотрите дело заново и повторите, если нужно.",
        "kk": "Бет көрсетілгеннен бері іс өзгерді (нұсқа {expected}, қазір {current}). "
        "Ештеңе жазылмады: істі қайта қарап, қажет болса қайталаңыз.",
    },
    "deadlines": {"en": "Deadlines", "ru": "Сроки", "kk": "Мерзімдер"},
    "hearings": {"en": "Hearings", "ru": "Заседания", "kk": "Отырыстар"},
    "registration": {"en": "Registration", "ru": "Регистрация", "kk": "Тіркеу"},
    # other roles
    "waiting_list": {
        "en": "Waiting for distribution",
        "ru": "Ожидают распределения",
        "kk": "Бөлуді күтуде",
    },
    "workload": {"en": "Workload per judge", "ru": "Нагрузка судей", "kk": "Судьялардың жүктемесі"},
    "judge": {"en": "Judge", "ru": "Судья", "kk": "Судья"},
    "open_cases": {"en": "Open cases", "ru": "Дел в производстве", "kk": "Іс жүргізудегі істер"},
    "weighted_load": {"en": "Weighted load", "ru": "Взвешенная нагрузка", "kk": "Өлшенген жүктеме"},
    "audit_trail": {"en": "Audit trail", "ru": "Журнал действий", "kk": "Әрекеттер журналы"},
    "audit_help": {
        "en": "Give a case id or an account id.",
        "ru": "Укажите id дела или учётной записи.",
        "kk": "Іс id немесе есептік жазба id көрсетіңіз.",
    },
    "actor": {"en": "Account", "ru": "Учётная запись", "kk": "Есептік жазба"},
    "show": {"en": "Show", "ru": "Показать", "kk": "Көрсету"},
    "event": {"en": "Event", "ru": "Событие", "kk": "Оқиға"},
    "applications": {"en": "Applications", "ru": "Обращения", "kk": "Өтініштер"},
    "applicant": {"en": "Applicant", "ru": "Заявитель", "kk": "Өтініш беруші"},
    "foreign_requests": {
        "en": "Foreign requests",
        "ru": "Иностранные запросы",
        "kk": "Шетелдік сұраулар",
    },
    "foreign_state": {"en": "State", "ru": "Государство", "kk": "Мемлекет"},
    "not_allowed": {
        "en": "Your role may not do this.",
        "ru": "Вашей роли это не разрешено.",
        "kk": "Сіздің рөліңізге бұған рұқсат жоқ.",
    },
    "not_found": {"en": "Not found.", "ru": "Не найдено.", "kk": "Табылмады."},
    # validation messages, by pydantic's error type (console/forms.py MESSAGES)
    "error.missing": {"en": "Required.", "ru": "Обязательное поле.", "kk": "Міндетті өріс."},
    "error.too_short": {"en": "Too short.", "ru": "Слишком коротко.", "kk": "Тым қысқа."},
    "error.too_long": {"en": "Too long.", "ru": "Слишком длинно.", "kk": "Тым ұзын."},
    "error.pattern": {"en": "Not in the expected form.", "ru": "Неверный формат.", "kk": "Пішімі қате."},
    "error.choice": {"en": "Choose one of the list.", "ru": "Выберите из списка.", "kk": "Тізімнен таңдаңыз."},
    "error.date": {"en": "Not a date.", "ru": "Неверная дата.", "kk": "Күні қате."},
    "error.datetime": {"en": "Not a date and time.", "ru": "Неверные дата и время.", "kk": "Күні мен уақыты қате."},
    "error.uuid": {"en": "Not an id.", "ru": "Неверный идентификатор.", "kk": "Идентификатор қате."},
    # values of the API's enums
    "cassation_complaint": {"en": "Cassation complaint", "ru": "Кассационная жалоба", "kk": "Кассациялық шағым"},
    "prosecutor_protest": {"en": "Prosecutor's protest", "ru": "Протест прокурора", "kk": "Прокурор наразылығы"},
    "legacy_petition": {
        "en": "Petition (before 1.07.2025)",
        "ru": "Ходатайство (до 1.07.2025)",
        "kk": "Өтінішхат (1.07.2025 дейін)",
    },
    "judge_submission": {"en": "Judge's submission", "ru": "Представление судьи", "kk": "Судьяның ұсынуы"},
    "exceptional_review_application": {
        "en": "Exceptional review application",
        "ru": "Заявление о пересмотре в исключительном порядке",
        "kk": "Ерекше тәртіппен қайта қарау туралы өтініш",
    },
    "case_file": {"en": "Criminal case file", "ru": "Уголовное дело", "kk": "Қылмыстық іс"},
    "extradition_complaint": {
        "en": "Extradition complaint",
        "ru": "Жалоба на экстрадицию",
        "kk": "Экстрадицияға шағым",
    },
    "extradition_materials": {
        "en": "Extradition materials",
        "ru": "Материалы об экстрадиции",
        "kk": "Экстрадиция материалдары",
    },
    "paper": {"en": "Paper", "ru": "На бумаге", "kk": "Қағаз түрінде"},
    "e_filing": {"en": "Electronic", "ru": "Электронно", "kk": "Электрондық"},
    "public": {"en": "Public", "ru": "Открыто", "kk": "Ашық"},
    "confidential": {"en": "Confidential", "ru": "Конфиденциально", "kk": "Құпия"},
    "secret": {"en": "State secret", "ru": "Государственная тайна", "kk": "Мемлекеттік құпия"},
    "returned": {"en": "Returned", "ru": "Возвращено", "kk": "Қайтарылды"},
    "left_unchanged": {"en": "Left unchanged", "ru": "Оставить без изменения", "kk": "Өзгеріссіз қалдыру"},
    "cancelled": {"en": "Cancelled", "ru": "Отменить", "kk": "Күшін жою"},
    "cancelled_and_remanded": {
        "en": "Cancelled, sent for a new hearing",
        "ru": "Отменить и направить на новое рассмотрение",
        "kk": "Күшін жойып, жаңадан қарауға жіберу",
    },
    "cancelled_and_terminated": {
        "en": "Cancelled, case terminated",
        "ru": "Отменить и прекратить дело",
        "kk": "Күшін жойып, істі тоқтату",
    },
    "changed": {"en": "Changed", "ru": "Изменить", "kk": "Өзгерту"},
    "complaint_left_without_consideration": {
        "en": "Complaint left without consideration",
        "ru": "Оставить жалобу без рассмотрения",
        "kk": "Шағымды қараусыз қалдыру",
    },
    "extradition_upheld": {
        "en": "Extradition upheld",
        "ru": "Экстрадицию оставить в силе",
        "kk": "Экстрадицияны күшінде қалдыру",
    },
    "extradition_annulled": {
        "en": "Extradition annulled",
        "ru": "Экстрадицию отменить",
        "kk": "Экстрадицияның күшін жою",
    },
    "accepted": {"en": "Accepted", "ru": "Принято к производству", "kk": "Іс жүргізуге қабылданды"},
    # the case's steps (console/app.py STEPS)
    "case_file_request": {
        "en": "Request the case file",
        "ru": "Истребовать уголовное дело",
        "kk": "Қылмыстық істі талап ету",
    },
    "from_court": {
        "en": "From court (default: the lower court)",
        "ru": "Из суда (по умолчанию: нижестоящий)",
        "kk": "Соттан (әдепкі: төменгі сот)",
    },
    "request": {"en": "Request", "ru": "Истребовать", "kk": "Талап ету"},
    "case_file_receipt": {
        "en": "Case file received",
        "ru": "Поступление уголовного дела",
        "kk": "Қылмыстық істің түсуі",
    },
    "case_file_item_id": {
        "en": "Case file's registration (id)",
        "ru": "Регистрация дела (id)",
        "kk": "Істің тіркелуі (id)",
    },
    "record": {"en": "Record", "ru": "Записать", "kk": "Жазу"},
    "schedule_hearing": {"en": "Schedule a hearing", "ru": "Назначить заседание", "kk": "Отырысты тағайындау"},
    "scheduled_for": {
        "en": "Date and time (court time)",
        "ru": "Дата и время (время суда)",
        "kk": "Күні мен уақыты (сот уақыты)",
    },
    "public_hearing": {"en": "On the public schedule", "ru": "В открытом графике", "kk": "Ашық кестеде"},
    "schedule": {"en": "Schedule", "ru": "Назначить", "kk": "Тағайындау"},
    "notices": {"en": "Parties notified", "ru": "Извещение сторон", "kk": "Тараптарды хабардар ету"},
    "party": {"en": "Party", "ru": "Сторона", "kk": "Тарап"},
    "hearing_held": {"en": "Hearing held", "ru": "Заседание проведено", "kk": "Отырыс өтті"},
    "held_at": {"en": "Held at (court time)", "ru": "Проведено (время суда)", "kk": "Өткен уақыты (сот уақыты)"},
    "panel_sat": {
        "en": "The panel that sat (as assigned)",
        "ru": "Состав суда (как назначен)",
        "kk": "Сот құрамы (тағайындалғандай)",
    },
    "substitution_reason": {
        "en": "Reason for a different panel",
        "ru": "Причина замены состава",
        "kk": "Құрамды ауыстыру себебі",
    },
    "publication": {"en": "Publication of the act", "ru": "Опубликование акта", "kk": "Актіні жариялау"},
    "portal_ref": {"en": "Portal address", "ru": "Адрес на портале", "kk": "Порталдағы мекенжай"},
    "redacted": {"en": "Depersonalised", "ru": "Обезличен", "kk": "Иесіздендірілген"},
    "publish": {"en": "Record publication", "ru": "Записать опубликование", "kk": "Жариялауды жазу"},
    # procedural roles, contested acts and offence categories (domain/registry/filing.py)
    "convict": {"en": "Convict", "ru": "Осуждённый", "kk": "Сотталған"},
    "acquitted": {"en": "Acquitted", "ru": "Оправданный", "kk": "Ақталған"},
    "defender": {"en": "Defender", "ru": "Защитник", "kk": "Қорғаушы"},
    "victim": {"en": "Victim", "ru": "Потерпевший", "kk": "Жәбірленуші"},
    "victim_representative": {
        "en": "Victim's representative",
        "ru": "Представитель потерпевшего",
        "kk": "Жәбірленушінің өкілі",
    },
    "civil_claimant": {"en": "Civil claimant", "ru": "Гражданский истец", "kk": "Азаматтық талапкер"},
    "civil_defendant": {"en": "Civil defendant", "ru": "Гражданский ответчик", "kk": "Азаматтық жауапкер"},
    "legal_representative": {"en": "Legal representative", "ru": "Законный представитель", "kk": "Заңды өкіл"},
    "prosecutor": {"en": "Prosecutor", "ru": "Прокурор", "kk": "Прокурор"},
    "prosecutor_general": {"en": "Prosecutor General", "ru": "Генеральный Прокурор", "kk": "Бас Прокурор"},
    "supreme_court_judge": {"en": "Supreme Court judge", "ru": "Судья Верховного Суда", "kk": "Жоғарғы Сот судьясы"},
    "person_to_be_extradited": {
        "en": "Person to be extradited",
        "ru": "Лицо, подлежащее выдаче",
        "kk": "Ұсталып берілетін адам",
    },
    "verdict": {"en": "Verdict", "ru": "Приговор", "kk": "Үкім"},
    "resolution": {"en": "Resolution", "ru": "Постановление", "kk": "Қаулы"},
    "extradition_decision": {
        "en": "Extradition decision",
        "ru": "Решение об экстрадиции",
        "kk": "Экстрадиция туралы шешім",
    },
    "misdemeanour": {"en": "Misdemeanour", "ru": "Уголовный проступок", "kk": "Қылмыстық теріс қылық"},
    "minor": {"en": "Minor", "ru": "Небольшой тяжести", "kk": "Онша ауыр емес"},
    "medium": {"en": "Medium", "ru": "Средней тяжести", "kk": "Ауырлығы орташа"},
    "grave": {"en": "Grave", "ru": "Тяжкое", "kk": "Ауыр"},
    "especially_grave": {"en": "Especially grave", "ru": "Особо тяжкое", "kk": "Аса ауыр"},
    # the head's page: waiting list, overdue deadlines, roster forms (api/routes/courts.py)
    "waiting_since": {"en": "Waiting since", "ru": "Ожидает с", "kk": "Күтуде (бастап)"},
    "attempts": {"en": "attempts", "ru": "попыток", "kk": "әрекет"},
    "waiting.no-roster": {"en": "No roster of judges", "ru": "Нет списка судей", "kk": "Судьялар тізімі жоқ"},
    "waiting.no-settings-in-force": {
        "en": "No distribution settings in force",
        "ru": "Нет действующих настроек распределения",
        "kk": "Бөлудің қолданыстағы баптаулары жоқ",
    },
    "waiting.pool-too-small": {
        "en": "Too few judges to draw from",
        "ru": "Слишком мало судей для жеребьёвки",
        "kk": "Жеребе үшін судьялар тым аз",
    },
    "overdue_by_judge": {
        "en": "Overdue deadlines by judge",
        "ru": "Просроченные сроки по судьям",
        "kk": "Судьялар бойынша өтіп кеткен мерзімдер",
    },
    "unit": {"en": "Unit", "ru": "Направление", "kk": "Бағыт"},
    "working_days_overdue": {
        "en": "Working days overdue",
        "ru": "Просрочено рабочих дней",
        "kk": "Өтіп кеткен жұмыс күндері",
    },
    "enrol_judge": {"en": "Enrol a judge", "ru": "Включить судью в список", "kk": "Судьяны тізімге қосу"},
    "judge_id": {"en": "Judge's id", "ru": "Идентификатор судьи", "kk": "Судья идентификаторы"},
    "judge_name": {"en": "Full name", "ru": "ФИО", "kk": "Аты-жөні"},
    "collegium": {"en": "Collegium", "ru": "Коллегия", "kk": "Алқа"},
    "specialisation": {"en": "Specialisation", "ru": "Специализация", "kk": "Мамандану"},
    "post": {"en": "Post", "ru": "Должность", "kk": "Лауазымы"},
    "enrol": {"en": "Enrol", "ru": "Включить", "kk": "Қосу"},
    "record_absence": {"en": "Record an absence", "ru": "Отметить отсутствие", "kk": "Болмауын белгілеу"},
    "absence_kind": {"en": "Absence", "ru": "Причина отсутствия", "kk": "Болмау себебі"},
    "start": {"en": "First day", "ru": "Первый день", "kk": "Бірінші күні"},
    "end_inclusive": {
        "en": "Last day (inclusive)",
        "ru": "Последний день (включительно)",
        "kk": "Соңғы күні (қоса алғанда)",
    },
    "recusal": {"en": "Recusal of a judge", "ru": "Отвод судьи", "kk": "Судьяға қарсылық"},
    "case_id": {"en": "Case (id)", "ru": "Дело (id)", "kk": "Іс (id)"},
    "recusal_grounds": {
        "en": "Grounds, with the legal basis (УПК 87-90)",
        "ru": "Основания с правовой нормой (УПК 87-90)",
        "kk": "Негіздер, құқықтық нормасымен (ҚПК 87-90)",
    },
    "self_recusal": {"en": "Self-recusal", "ru": "Самоотвод", "kk": "Өздігінен бас тарту"},
    "reassignment": {"en": "Reassign a seat", "ru": "Замена судьи в составе", "kk": "Құрамдағы судьяны ауыстыру"},
    "reassignment_reason": {
        "en": "Written reason for the decision",
        "ru": "Письменное обоснование решения",
        "kk": "Шешімнің жазбаша негіздемесі",
    },
    "self_recusal_title": {"en": "Self-recusal", "ru": "Самоотвод", "kk": "Өздігінен бас тарту"},
    "recuse_myself": {"en": "Recuse myself", "ru": "Заявить самоотвод", "kk": "Өздігінен бас тарту"},
    "reassign": {"en": "Reassign", "ru": "Заменить", "kk": "Ауыстыру"},
    "collegium_chair": {"en": "Collegium chair", "ru": "Председатель коллегии", "kk": "Алқа төрағасы"},
    "deputy_chair": {"en": "Deputy chair", "ru": "Заместитель председателя", "kk": "Төраға орынбасары"},
    "court_chair": {"en": "Court chair", "ru": "Председатель суда", "kk": "Сот төрағасы"},
    "leave": {"en": "Leave", "ru": "Отпуск", "kk": "Демалыс"},
    "illness": {"en": "Illness", "ru": "Болезнь", "kk": "Ауру"},
    "business_trip": {"en": "Business trip", "ru": "Командировка", "kk": "Іссапар"},
    # statistics (GET /registers/statistics)
    "statistics": {"en": "Statistics", "ru": "Статистика", "kk": "Статистика"},
    "period_from": {"en": "From", "ru": "С", "kk": "Бастап"},
    "period_to": {"en": "To (inclusive)", "ru": "По (включительно)", "kk": "Дейін (қоса алғанда)"},
    "export": {"en": "Download", "ru": "Выгрузить", "kk": "Жүктеп алу"},
    "clearance_rate": {
        "en": "Clearance rate (CEPEJ)",
        "ru": "Коэффициент рассмотрения (CEPEJ)",
        "kk": "Қарау коэффициенті (CEPEJ)",
    },
    "disposition_time": {
        "en": "Disposition time (CEPEJ)",
        "ru": "Время рассмотрения (CEPEJ)",
        "kk": "Қарау уақыты (CEPEJ)",
    },
    "days": {"en": "days", "ru": "дн.", "kk": "күн"},
    "incoming": {"en": "Incoming", "ru": "Поступило", "kk": "Түсті"},
    "resolved": {"en": "Resolved", "ru": "Рассмотрено", "kk": "Қаралды"},
    "pending_at_start": {"en": "Pending at start", "ru": "Остаток на начало", "kk": "Басындағы қалдық"},
    "pending_at_end": {"en": "Pending at end", "ru": "Остаток на конец", "kk": "Соңындағы қалдық"},
    "incoming_resolved_by_month": {
        "en": "Incoming and resolved by month",
        "ru": "Поступило и рассмотрено по месяцам",
        "kk": "Айлар бойынша түскені және қаралғаны",
    },
    "month": {"en": "Month", "ru": "Месяц", "kk": "Ай"},
    "by_kind": {"en": "By kind", "ru": "По видам", "kk": "Түрлері бойынша"},
    "median_days": {
        "en": "Median days to disposition",
        "ru": "Медиана дней до разрешения",
        "kk": "Шешілгенге дейінгі күндер медианасы",
    },
    # the case card
    "act_entered_at": {"en": "Act entered", "ru": "Акт внесён", "kk": "Акт енгізілді"},
    "hours_after_hearing": {
        "en": "{hours} h after the hearing",
        "ru": "через {hours} ч после заседания",
        "kk": "отырыстан {hours} сағ кейін",
    },
    "suspended_until": {
        "en": "Execution suspended until",
        "ru": "Исполнение приостановлено до",
        "kk": "Орындау тоқтатылды",
    },
    "explanation": {"en": "Explanation", "ru": "Пояснение", "kk": "Түсіндірме"},
    "finding.passed": {"en": "met", "ru": "соблюдено", "kk": "сақталды"},
    "finding.failed": {"en": "not met", "ru": "не соблюдено", "kk": "сақталмады"},
    "finding.not_checkable": {"en": "not checkable", "ru": "не проверяемо", "kk": "тексерілмейді"},
    "distribution_protocol": {"en": "Distribution protocol", "ru": "Протокол распределения", "kk": "Бөлу хаттамасы"},
    "settings_version": {"en": "Settings version", "ru": "Версия настроек", "kk": "Баптаулар нұсқасы"},
    "seed": {"en": "Seed", "ru": "Начальное значение (seed)", "kk": "Бастапқы мән (seed)"},
    "algorithm": {"en": "Algorithm", "ru": "Алгоритм", "kk": "Алгоритм"},
    "panel_size": {"en": "Panel size", "ru": "Численность состава", "kk": "Құрам саны"},
    "pool": {
        "en": "Pool of judges and their loads",
        "ru": "Круг судей и их нагрузка",
        "kk": "Судьялар тобы және жүктемесі",
    },
    "load": {"en": "Load", "ru": "Нагрузка", "kk": "Жүктеме"},
    "post_coefficient": {"en": "Post coefficient", "ru": "Коэффициент должности", "kk": "Лауазым коэффициенті"},
    "seat": {"en": "Seat", "ru": "Место", "kk": "Орын"},
    "exclusions": {"en": "Excluded from the draw", "ru": "Исключены из жеребьёвки", "kk": "Жеребеден шығарылғандар"},
    "exclusion.inactive": {"en": "not active", "ru": "не действует", "kk": "белсенді емес"},
    "exclusion.other_specialisation": {
        "en": "other specialisation",
        "ru": "иная специализация",
        "kk": "басқа мамандану",
    },
    "exclusion.absent": {"en": "absent", "ru": "отсутствует", "kk": "жоқ"},
    "exclusion.recused": {"en": "recused", "ru": "отвод", "kk": "қарсылық"},
    "exclusion.already_on_panel": {"en": "already on the panel", "ru": "уже в составе", "kk": "құрамда бар"},
    "reassignments": {"en": "Reassignments", "ru": "Замены судей", "kk": "Судьяларды ауыстыру"},
    "deadline.open": {"en": "open", "ru": "течёт", "kk": "ағымда"},
    "deadline.met": {"en": "met", "ru": "соблюдён", "kk": "сақталды"},
    "deadline.suspended": {"en": "suspended", "ru": "приостановлен", "kk": "тоқтатылды"},
    "deadline.closed": {"en": "closed with the case", "ru": "закрыт с делом", "kk": "іспен бірге жабылды"},
    "extensions": {"en": "extensions", "ru": "продления", "kk": "ұзартулар"},
    # hearings' statuses (projections/hearings_calendar.py)
    "scheduled": {"en": "scheduled", "ru": "назначено", "kk": "тағайындалды"},
    "held": {"en": "held", "ru": "проведено", "kk": "өтті"},
    "postponed": {"en": "postponed", "ru": "отложено", "kk": "кейінге қалдырылды"},
    # stages of a case (domain/proceedings/lifecycle.py)
    "case_file_requested": {"en": "Case file requested", "ru": "Дело истребовано", "kk": "Іс талап етілді"},
    "case_file_received": {"en": "Case file received", "ru": "Дело поступило", "kk": "Іс түсті"},
    "hearing_scheduled": {"en": "Hearing scheduled", "ru": "Заседание назначено", "kk": "Отырыс тағайындалды"},
    "hearing_postponed": {"en": "Hearing postponed", "ru": "Заседание отложено", "kk": "Отырыс кейінге қалдырылды"},
    "heard": {"en": "Heard", "ru": "Рассмотрено", "kk": "Қаралды"},
    "ruled": {"en": "Ruling entered", "ru": "Решение вынесено", "kk": "Шешім шығарылды"},
    "act_entered": {"en": "Act entered", "ru": "Акт внесён", "kk": "Акт енгізілді"},
    "published": {"en": "Published", "ru": "Опубликовано", "kk": "Жарияланды"},
    "withdrawn": {"en": "Withdrawn", "ru": "Отозвано", "kk": "Кері қайтарылды"},
    "joined": {"en": "Joined", "ru": "Объединено", "kk": "Біріктірілді"},
}


# --- registers, auditor, load chart (console/register_pages.py, console/auditor_pages.py) ---------
LABELS.update(
    {
        "registers": {"en": "Registers", "ru": "Журналы", "kk": "Журналдар"},
        "register.cases": {"en": "Cases", "ru": "Дела", "kk": "Істер"},
        "register.hearings": {"en": "Hearings", "ru": "Заседания", "kk": "Отырыстар"},
        "register.rulings": {"en": "Rulings", "ru": "Решения", "kk": "Шешімдер"},
        "register.deadlines": {"en": "Deadlines", "ru": "Сроки", "kk": "Мерзімдер"},
        "register.due": {"en": "Due deadlines", "ru": "Истекающие сроки", "kk": "Өтетін мерзімдер"},
        "register.search": {"en": "Search", "ru": "Поиск", "kk": "Іздеу"},
        "rows_per_page": {"en": "Rows per page", "ru": "Строк на странице", "kk": "Беттегі жолдар"},
        "previous_page": {"en": "Previous page", "ru": "Предыдущая страница", "kk": "Алдыңғы бет"},
        "pages": {"en": "Pages", "ru": "Страницы", "kk": "Беттер"},
        "to_be_checked": {"en": "Term to be checked", "ru": "Срок проверить", "kk": "Мерзімді тексеру"},
        "next_hearing": {"en": "Next hearing", "ru": "Ближайшее заседание", "kk": "Келесі отырыс"},
        "ruled_at": {"en": "Ruled", "ru": "Вынесено", "kk": "Шығарылды"},
        "ruled_by": {"en": "By", "ru": "Кем", "kk": "Кім"},
        "outcomes": {"en": "Outcome per defendant", "ru": "Итог по подсудимым", "kk": "Сотталушылар бойынша нәтиже"},
        "hours_to_enter_act": {
            "en": "Hours to enter the act",
            "ru": "Часов до внесения акта",
            "kk": "Акт енгізуге сағат",
        },
        "rule": {"en": "Rule", "ru": "Правило", "kk": "Ереже"},
        "late": {"en": "Late", "ru": "Нарушен", "kk": "Бұзылды"},
        "met_at": {"en": "Met", "ru": "Соблюдён", "kk": "Сақталды"},
        "due_before": {"en": "Due before", "ru": "Истекает до", "kk": "Дейін өтеді"},
        "search_words": {
            "en": "Number, lower court's case number or filer",
            "ru": "Номер, номер дела нижестоящего суда или заявитель",
            "kk": "Нөмір, төменгі сот ісінің нөмірі немесе өтініш беруші",
        },
        "log_position": {"en": "Log position", "ru": "Позиция в журнале", "kk": "Журналдағы орны"},
        "on_behalf_of": {"en": "on behalf of", "ru": "от имени", "kk": "атынан"},
        "case_trail": {
            "en": "The case's audit trail",
            "ru": "Журнал действий по делу",
            "kk": "Іс бойынша әрекеттер журналы",
        },
        "checkpoints": {
            "en": "Signed checkpoints",
            "ru": "Подписанные контрольные точки",
            "kk": "Қол қойылған бақылау нүктелері",
        },
        "context": {"en": "Context", "ru": "Контекст", "kk": "Контекст"},
        "tree_size": {"en": "Tree size", "ru": "Размер дерева", "kk": "Ағаш өлшемі"},
        "signed_at": {"en": "Signed", "ru": "Подписано", "kk": "Қол қойылды"},
        "cause": {"en": "Cause", "ru": "Причина", "kk": "Себебі"},
        "checkpoint.none": {"en": "None signed yet.", "ru": "Ещё не подписано.", "kk": "Әлі қол қойылмаған."},
        "checkpoint.note": {"en": "Signed note", "ru": "Подписанная запись", "kk": "Қол қойылған жазба"},
        "checkpoint.show_note": {"en": "Show", "ru": "Показать", "kk": "Көрсету"},
        "checkpoint.help": {
            "en": "Each context's latest published checkpoint (C2SP tlog-checkpoint); proofs: `sotflow audit receipt`, "
            "`sotflow audit consistency`.",
            "ru": "Последняя опубликованная контрольная точка каждого контекста (C2SP tlog-checkpoint); "
            "доказательства: `sotflow audit receipt`, `sotflow audit consistency`.",
            "kk": "Әр контекстің соңғы жарияланған бақылау нүктесі (C2SP tlog-checkpoint); дәлелдер: "
            "`sotflow audit receipt`, `sotflow audit consistency`.",
        },
        "draw.title": {"en": "Re-run a case's draw", "ru": "Повторить жеребьёвку дела", "kk": "Іс жеребесін қайталау"},
        "draw.help": {
            "en": "The check `sotflow audit distribution` makes: each recorded draw re-run from its protocol "
            "on the log.",
            "ru": "Та же проверка, что `sotflow audit distribution`: каждая записанная жеребьёвка повторяется по её "
            "протоколу из журнала.",
            "kk": "`sotflow audit distribution` жасайтын тексеру: әр жазылған жеребе журналдағы хаттамасы бойынша "
            "қайталанады.",
        },
        "draw.rerun": {"en": "Re-run the draw", "ru": "Повторить жеребьёвку", "kk": "Жеребені қайталау"},
        "draw.none": {
            "en": "No distribution of this case on the log.",
            "ru": "Распределения этого дела в журнале нет.",
            "kk": "Журналда бұл істің бөлінуі жоқ.",
        },
        "draw.no_case": {"en": "No such case.", "ru": "Такого дела нет.", "kk": "Мұндай іс жоқ."},
        "draw.matches": {
            "en": "Every re-run gives the recorded panel.",
            "ru": "Каждый повтор даёт записанный состав.",
            "kk": "Әр қайталау жазылған құрамды береді.",
        },
        "draw.differs": {
            "en": "THE RECORDED PANEL IS NOT WHAT THE RECORDED DRAW GIVES.",
            "ru": "ЗАПИСАННЫЙ СОСТАВ НЕ СОВПАДАЕТ С ЗАПИСАННОЙ ЖЕРЕБЬЁВКОЙ.",
            "kk": "ЖАЗЫЛҒАН ҚҰРАМ ЖАЗЫЛҒАН ЖЕРЕБЕГЕ СӘЙКЕС ЕМЕС.",
        },
        "draw.distributed": {"en": "Distribution", "ru": "Распределение", "kk": "Бөлу"},
        "draw.reassigned": {"en": "Reassignment", "ru": "Замена", "kk": "Ауыстыру"},
        "draw.same": {"en": "matches", "ru": "совпадает", "kk": "сәйкес"},
        "draw.not_same": {"en": "differs", "ru": "расходится", "kk": "сәйкес емес"},
        "draw.recorded": {"en": "Recorded panel", "ru": "Записанный состав", "kk": "Жазылған құрам"},
        "draw.rerun_gives": {"en": "The re-run gives", "ru": "Повтор даёт", "kk": "Қайталау береді"},
        "draw.picked": {"en": "Picked", "ru": "Выбран", "kk": "Таңдалды"},
        "draw.seat": {"en": "seat", "ru": "место", "kk": "орын"},
        "draw.excluded": {"en": "Excluded", "ru": "Исключены", "kk": "Шығарылды"},
        "load_per_judge": {"en": "Load per judge", "ru": "Нагрузка по судьям", "kk": "Судьялар бойынша жүктеме"},
        "normalised_load": {"en": "Normalised load", "ru": "Приведённая нагрузка", "kk": "Келтірілген жүктеме"},
    }
)

ROLE_NAMES = {
    "registrar": {"en": "Registrar", "ru": "Регистратор", "kk": "Тіркеуші"},
    "judge": {"en": "Judge", "ru": "Судья", "kk": "Судья"},
    "head": {"en": "Head of the court", "ru": "Председатель", "kk": "Төраға"},
    "deputy_head": {"en": "Deputy head", "ru": "Заместитель председателя", "kk": "Төраға орынбасары"},
    "consultant": {"en": "Consultant", "ru": "Консультант", "kk": "Кеңесші"},
    "international_officer": {
        "en": "International officer",
        "ru": "Сотрудник по международному сотрудничеству",
        "kk": "Халықаралық ынтымақтастық қызметкері",
    },
    "auditor": {"en": "Auditor", "ru": "Аудитор", "kk": "Аудитор"},
    "archivist": {"en": "Archivist", "ru": "Архивариус", "kk": "Мұрағатшы"},
    "analyst": {
        "en": "Practice analyst",
        "ru": "Сотрудник сектора анализа судебной практики",
        "kk": "Сот практикасын талдау секторының қызметкері",
    },
    "personnel_officer": {"en": "Personnel officer", "ru": "Кадровик", "kk": "Кадр қызметкері"},
    # Actors of the trail that are not staff: the system's own processes and integrations.
    "system": {"en": "System", "ru": "Система", "kk": "Жүйе"},
    "integration_service": {"en": "Integration service", "ru": "Интеграционный сервис", "kk": "Интеграциялық қызмет"},
}


def language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT


def translator(lang: str):
    def t(key: str, **values: object) -> str:
        entry = LABELS.get(key) or ROLE_NAMES.get(key) or {}
        text = entry.get(lang) or entry.get("en") or key
        return text.format(**values) if values else text

    t.lang = lang  # type: ignore[attr-defined]  # a refusal is said by its own table (REFUSALS)
    return t


# --- the international officer's and the consultant's pages, and the API's refusals -------------
# (a block of its own: these pages live in console/international_pages.py and consultant_pages.py)

ROLE_PAGES: dict[str, dict[str, str]] = {
    "international_register": {
        "en": "Register of foreign requests",
        "ru": "Журнал иностранных поручений",
        "kk": "Шетелдік тапсырмалар журналы",
    },
    "monitoring": {"en": "Monitoring (§7.27)", "ru": "Мониторинг (§7.27)", "kk": "Мониторинг (§7.27)"},
    "receive_request": {
        "en": "Record a foreign request received",
        "ru": "Принять иностранное поручение",
        "kk": "Шетелдік тапсырманы қабылдау",
    },
    "foreign_request": {"en": "Foreign request", "ru": "Иностранное поручение", "kk": "Шетелдік тапсырма"},
    "history": {"en": "History", "ru": "История", "kk": "Тарихы"},
    "median_days_since_receipt": {
        "en": "Median days since receipt",
        "ru": "Медиана дней с поступления",
        "kk": "Түскеннен бергі күндер медианасы",
    },
    "p90_days_since_receipt": {
        "en": "90th percentile, days",
        "ru": "90-й перцентиль, дней",
        "kk": "90-шы перцентиль, күн",
    },
    "step": {"en": "Step", "ru": "Шаг", "kk": "Қадам"},
    "by_whom": {"en": "By", "ru": "Кто", "kk": "Кім"},
    "details": {"en": "Details", "ru": "Сведения", "kk": "Мәліметтер"},
    "next_term": {"en": "Term", "ru": "Срок", "kk": "Мерзім"},
    "open_card": {"en": "Open", "ru": "Открыть", "kk": "Ашу"},
    "requesting.state": {"en": "Requesting state", "ru": "Запрашивающее государство", "kk": "Сұраушы мемлекет"},
    "requesting.authority": {"en": "Requesting authority", "ru": "Запрашивающий орган", "kk": "Сұраушы орган"},
    "requested.state": {"en": "Requested state", "ru": "Запрашиваемое государство", "kk": "Сұралатын мемлекет"},
    "requested.authority": {"en": "Requested authority", "ru": "Запрашиваемый орган", "kk": "Сұралатын орган"},
    "treaty": {"en": "Treaty", "ru": "Договор", "kk": "Шарт"},
    "request_language": {"en": "Language of the request", "ru": "Язык поручения", "kk": "Тапсырма тілі"},
    "action": {"en": "Action requested", "ru": "Запрошенное действие", "kk": "Сұралған әрекет"},
    "related_case": {"en": "Related case", "ru": "Связанное дело", "kk": "Байланысты іс"},
    "pretrial_discovery": {
        "en": "Pre-trial discovery",
        "ru": "Досудебное истребование доказательств",
        "kk": "Сотқа дейінгі дәлелдемелерді талап ету",
    },
    "received_electronically": {
        "en": "Received electronically",
        "ru": "Получено в электронном виде",
        "kk": "Электронды түрде алынды",
    },
    "registration_number": {"en": "Registration number", "ru": "Регистрационный номер", "kk": "Тіркеу нөмірі"},
    "into": {"en": "Translate into", "ru": "Перевести на", "kk": "Аудару тілі"},
    "translation_language": {"en": "Language of the translation", "ru": "Язык перевода", "kk": "Аударма тілі"},
    "certified": {"en": "Certified", "ru": "Заверен", "kk": "Куәландырылған"},
    "study_findings": {"en": "Findings of the study", "ru": "Выводы изучения", "kk": "Зерделеу қорытындысы"},
    "signed_document": {"en": "Document signed", "ru": "Подписанный документ", "kk": "Қол қойылған құжат"},
    "region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "target_court": {
        "en": "Court (default: the table's)",
        "ru": "Суд (по умолчанию — по таблице)",
        "kk": "Сот (әдепкі — кесте бойынша)",
    },
    "matter": {"en": "Branch of law", "ru": "Отрасль права", "kk": "Құқық саласы"},
    "addressee": {"en": "Addressee", "ru": "Адресат", "kk": "Алушы"},
    "electronically": {"en": "Sent electronically", "ru": "Направлено электронно", "kk": "Электронды жіберілді"},
    "postal_ref": {"en": "Postal reference", "ru": "Почтовый идентификатор", "kk": "Пошта сәйкестендіргіші"},
    "ground": {"en": "Ground", "ru": "Основание", "kk": "Негіз"},
    "executed": {"en": "Executed", "ru": "Исполнено", "kk": "Орындалды"},
    "reported_at": {"en": "Reported (court time)", "ru": "Дата отчёта (время суда)", "kk": "Есеп күні (сот уақыты)"},
    "documents_to": {"en": "Sent back to", "ru": "Кому возвращены", "kk": "Кімге қайтарылды"},
    # the international steps' forms (api/routes/international.py)
    "step.registration": {"en": "Register", "ru": "Регистрация", "kk": "Тіркеу"},
    "step.translation-requests": {"en": "Order a translation", "ru": "Заказать перевод", "kk": "Аударма тапсыру"},
    "step.translations": {"en": "Translation received", "ru": "Перевод получен", "kk": "Аударма алынды"},
    "step.study": {"en": "Study", "ru": "Изучение", "kk": "Зерделеу"},
    "step.sign-offs": {"en": "Sign-off (§13)", "ru": "Подписание (§13)", "kk": "Қол қою (§13)"},
    "step.forwarding": {"en": "Forward to a Kazakh court", "ru": "Направить в суд РК", "kk": "ҚР сотына жіберу"},
    "step.dispatch": {"en": "Send abroad", "ru": "Направить за рубеж", "kk": "Шетелге жіберу"},
    "step.originals": {"en": "Original posted", "ru": "Оригинал отправлен почтой", "kk": "Түпнұсқа поштамен жіберілді"},
    "step.return": {"en": "Return unexecuted", "ru": "Вернуть без исполнения", "kk": "Орындамай қайтару"},
    "step.refusal": {"en": "Refuse execution", "ru": "Отказать в исполнении", "kk": "Орындаудан бас тарту"},
    "step.execution-reports": {"en": "Execution report", "ru": "Отчёт об исполнении", "kk": "Орындау туралы есеп"},
    "step.documents-returns": {"en": "Return the documents", "ru": "Вернуть документы", "kk": "Құжаттарды қайтару"},
    "step.closure": {"en": "Close", "ru": "Закрыть", "kk": "Жабу"},
    # the applications' and receptions' forms (api/routes/applications.py, receptions.py)
    "step.redirection": {"en": "Redirect", "ru": "Перенаправить", "kk": "Қайта жіберу"},
    "step.assignment": {"en": "Assign a consultant", "ru": "Назначить консультанта", "kk": "Кеңесшіні тағайындау"},
    "step.drafts": {"en": "Draft answer", "ru": "Проект ответа", "kk": "Жауап жобасы"},
    "step.approval": {"en": "Approve the answer", "ru": "Утвердить ответ", "kk": "Жауапты бекіту"},
    "step.answer": {"en": "Answer sent", "ru": "Ответ направлен", "kk": "Жауап жіберілді"},
    "step.extension": {"en": "Extend the term", "ru": "Продлить срок", "kk": "Мерзімді ұзарту"},
    "step.extension-notices": {
        "en": "Applicant told of the extension",
        "ru": "Заявитель уведомлён о продлении",
        "kk": "Өтініш беруші ұзарту туралы хабардар етілді",
    },
    "step.rescheduling": {"en": "Reschedule", "ru": "Перенести", "kk": "Ауыстыру"},
    "step.cancellation": {"en": "Cancel", "ru": "Отменить", "kk": "Болдырмау"},
    "step.reference-material": {"en": "Reference material", "ru": "Справочный материал", "kk": "Анықтамалық материал"},
    "step.held": {"en": "Reception held", "ru": "Приём проведён", "kk": "Қабылдау өтті"},
    # the stages of a foreign request (domain/international/lifecycle.py) and of an application
    "received": {"en": "received", "ru": "поступило", "kk": "түсті"},
    "translation_requested": {"en": "translation ordered", "ru": "перевод заказан", "kk": "аударма тапсырылды"},
    "translated": {"en": "translated", "ru": "переведено", "kk": "аударылды"},
    "studied": {"en": "studied", "ru": "изучено", "kk": "зерделенді"},
    "forwarded": {"en": "forwarded", "ru": "направлено в суд", "kk": "сотқа жіберілді"},
    "sent_abroad": {"en": "sent abroad", "ru": "направлено за рубеж", "kk": "шетелге жіберілді"},
    "execution_reported": {"en": "execution reported", "ru": "исполнение доложено", "kk": "орындалуы баяндалды"},
    "documents_returned": {"en": "documents returned", "ru": "документы возвращены", "kk": "құжаттар қайтарылды"},
    "refused": {"en": "refused", "ru": "отказано", "kk": "бас тартылды"},
    "closed": {"en": "closed", "ru": "закрыто", "kk": "жабылды"},
    "redirected": {"en": "redirected", "ru": "перенаправлено", "kk": "қайта жіберілді"},
    "assigned": {"en": "assigned", "ru": "назначено", "kk": "тағайындалды"},
    "drafted": {"en": "drafted", "ru": "проект готов", "kk": "жоба дайын"},
    "approved": {"en": "approved", "ru": "утверждено", "kk": "бекітілді"},
    "answered": {"en": "answered", "ru": "отвечено", "kk": "жауап берілді"},
    # applications and receptions
    "application": {"en": "Application", "ru": "Обращение", "kk": "Өтініш"},
    "register_application": {
        "en": "Register an application",
        "ru": "Зарегистрировать обращение",
        "kk": "Өтінішті тіркеу",
    },
    "receptions": {"en": "Personal receptions", "ru": "Личные приёмы", "kk": "Жеке қабылдаулар"},
    "reception": {"en": "Personal reception", "ru": "Личный приём", "kk": "Жеке қабылдау"},
    "schedule_reception": {"en": "Schedule a reception", "ru": "Записать на приём", "kk": "Қабылдауға жазу"},
    "applicant.name": {"en": "Applicant", "ru": "Заявитель", "kk": "Өтініш беруші"},
    "applicant.kind": {"en": "Applicant is", "ru": "Заявитель — это", "kk": "Өтініш беруші"},
    "applicant.identifier": {"en": "ИИН / БИН", "ru": "ИИН / БИН", "kk": "ЖСН / БСН"},
    "subject": {"en": "Subject", "ru": "Тема", "kk": "Тақырып"},
    "summary": {"en": "Summary", "ru": "Краткое содержание", "kk": "Қысқаша мазмұны"},
    "consultant_id": {
        "en": "Consultant (user id)",
        "ru": "Консультант (id пользователя)",
        "kk": "Кеңесші (пайдаланушы id)",
    },
    "to_body": {"en": "Forwarded to", "ru": "Куда направлено", "kk": "Қайда жіберілді"},
    "applicant_notified": {
        "en": "Applicant notified",
        "ru": "Заявитель уведомлён",
        "kk": "Өтініш беруші хабардар етілді",
    },
    "sent_at": {"en": "Sent (court time)", "ru": "Направлено (время суда)", "kk": "Жіберілді (сот уақыты)"},
    "notified_at": {
        "en": "Notified (court time)",
        "ru": "Уведомлён (время суда)",
        "kk": "Хабардар етілді (сот уақыты)",
    },
    "until": {"en": "New last day", "ru": "Новый последний день", "kk": "Жаңа соңғы күн"},
    "answer_term": {"en": "Answer term", "ru": "Срок ответа", "kk": "Жауап мерзімі"},
    "days_left": {"en": "{n} working days left", "ru": "осталось рабочих дней: {n}", "kk": "қалған жұмыс күндері: {n}"},
    "days_overdue": {
        "en": "overdue by {n} working days",
        "ru": "просрочено на {n} раб. дн.",
        "kk": "{n} жұмыс күнге кешіктірілді",
    },
    "receiver.user_id": {"en": "Chair (user id)", "ru": "Председательствующий (id)", "kk": "Төраға (id)"},
    "receiver.post": {"en": "Chair's post", "ru": "Должность принимающего", "kk": "Қабылдаушының лауазымы"},
    "receiver": {"en": "Received by", "ru": "Принимает", "kk": "Қабылдайды"},
    "place": {"en": "Place", "ru": "Место", "kk": "Орны"},
    "sign_up": {"en": "Signed up by", "ru": "Способ записи", "kk": "Жазылу тәсілі"},
    "material": {"en": "Reference material", "ru": "Справочный материал", "kk": "Анықтамалық материал"},
    "material_summary": {
        "en": "Summary for the chair",
        "ru": "Справка для председательствующего",
        "kk": "Төрағаға анықтама",
    },
    "related_cases.0": {"en": "Related case", "ru": "Связанное дело", "kk": "Байланысты іс"},
    "requests": {"en": "What the applicant asked", "ru": "Просьбы заявителя", "kk": "Өтініш берушінің сұрағаны"},
    "instructions.0": {
        "en": "Chair's instruction",
        "ru": "Поручение председательствующего",
        "kk": "Төрағаның тапсырмасы",
    },
    "earlier_applications": {
        "en": "Earlier applications",
        "ru": "Ранее поданные обращения",
        "kk": "Бұрын берілген өтініштер",
    },
    "times_rescheduled": {"en": "Times rescheduled", "ru": "Переносов", "kk": "Ауыстырулар"},
    # enum values of these forms
    "individual": {"en": "individual", "ru": "физическое лицо", "kk": "жеке тұлға"},
    "legal_entity": {"en": "legal entity", "ru": "юридическое лицо", "kk": "заңды тұлға"},
    "e_otinish": {"en": "e-Otinish", "ru": "e-Otinish", "kk": "e-Otinish"},
    "email": {"en": "e-mail", "ru": "эл. почта", "kk": "эл. пошта"},
    "reception_channel": {"en": "at a reception", "ru": "на приёме", "kk": "қабылдауда"},
    "pending_proceedings": {
        "en": "pending proceedings",
        "ru": "о рассматриваемом деле",
        "kk": "қаралып жатқан іс туралы",
    },
    "legal_assistance": {"en": "legal assistance", "ru": "правовая помощь", "kk": "құқықтық көмек"},
    "information_request": {"en": "request for information", "ru": "запрос информации", "kk": "ақпарат сұрау"},
    "complaint_about_staff": {
        "en": "complaint about staff",
        "ru": "жалоба на работников",
        "kk": "қызметкерлерге шағым",
    },
    "procedural_complaint": {"en": "procedural complaint", "ru": "процессуальная жалоба", "kk": "іс жүргізу шағымы"},
    "incoming_letter_rogatory": {
        "en": "incoming letter rogatory",
        "ru": "входящее судебное поручение",
        "kk": "кіріс сот тапсырмасы",
    },
    "outgoing_letter_rogatory": {
        "en": "outgoing letter rogatory",
        "ru": "исходящее судебное поручение",
        "kk": "шығыс сот тапсырмасы",
    },
    "recognition_petition": {
        "en": "recognition petition",
        "ru": "ходатайство о признании",
        "kk": "тану туралы өтінішхат",
    },
    "other_correspondence": {"en": "other correspondence", "ru": "иная переписка", "kk": "басқа хат алмасу"},
    "hague_service_1965": {
        "en": "Hague Service Convention 1965",
        "ru": "Гаагская конвенция 1965 г.",
        "kk": "1965 ж. Гаага конвенциясы",
    },
    "hague_evidence_1970": {
        "en": "Hague Evidence Convention 1970",
        "ru": "Гаагская конвенция 1970 г.",
        "kk": "1970 ж. Гаага конвенциясы",
    },
    "minsk_1993": {"en": "Minsk Convention 1993", "ru": "Минская конвенция 1993 г.", "kk": "1993 ж. Минск конвенциясы"},
    "chisinau_2002": {
        "en": "Chisinau Convention 2002",
        "ru": "Кишинёвская конвенция 2002 г.",
        "kk": "2002 ж. Кишинев конвенциясы",
    },
    "bilateral": {"en": "bilateral treaty", "ru": "двусторонний договор", "kk": "екіжақты шарт"},
    "reciprocity": {"en": "reciprocity", "ru": "взаимность", "kk": "өзара түсіністік"},
    "service_of_documents": {"en": "service of documents", "ru": "вручение документов", "kk": "құжаттарды тапсыру"},
    "taking_evidence": {"en": "taking evidence", "ru": "получение доказательств", "kk": "дәлелдемелер алу"},
    "recognition": {"en": "recognition", "ru": "признание", "kk": "тану"},
    "other": {"en": "other", "ru": "иное", "kk": "басқа"},
    "civil": {"en": "civil", "ru": "гражданское", "kk": "азаматтық"},
    "criminal": {"en": "criminal", "ru": "уголовное", "kk": "қылмыстық"},
    "administrative": {"en": "administrative", "ru": "административное", "kk": "әкімшілік"},
    "written_request": {"en": "written request", "ru": "письменная заявка", "kk": "жазбаша өтінім"},
    "phone": {"en": "phone", "ru": "телефон", "kk": "телефон"},
    "in_person": {"en": "in person", "ru": "лично", "kk": "жеке өзі"},
    "supreme_court_chair": {
        "en": "Chair of the Supreme Court",
        "ru": "Председатель Верховного Суда",
        "kk": "Жоғарғы Сот Төрағасы",
    },
    "supreme_court_deputy_chair": {
        "en": "Deputy chair of the Supreme Court",
        "ru": "Заместитель Председателя ВС",
        "kk": "ЖС Төрағасының орынбасары",
    },
    "court_deputy_chair": {
        "en": "Deputy chair of the court",
        "ru": "Заместитель председателя суда",
        "kk": "Сот төрағасының орынбасары",
    },
    # the case card's remaining steps and the head's settings form
    "postpone_hearing": {"en": "Postpone the hearing", "ru": "Отложить заседание", "kk": "Отырысты кейінге қалдыру"},
    "postpone": {"en": "Postpone", "ru": "Отложить", "kk": "Кейінге қалдыру"},
    "withdrawal": {"en": "Withdrawal of the complaint", "ru": "Отзыв жалобы", "kk": "Шағымды кері қайтарып алу"},
    "record_withdrawal": {"en": "Record the withdrawal", "ru": "Зарегистрировать отзыв", "kk": "Кері алуды тіркеу"},
    "distribution_settings": {"en": "Distribution settings", "ru": "Настройки распределения", "kk": "Бөлу баптаулары"},
    "effective_from": {"en": "In force from", "ru": "Действуют с", "kk": "Күшіне енеді"},
    "settings_source": {"en": "Approved by (act)", "ru": "Утверждены (акт)", "kk": "Бекітілген (акт)"},
    "coefficient_of": {"en": "Coefficient: {post}", "ru": "Коэффициент: {post}", "kk": "Коэффициент: {post}"},
    "complexity_of": {"en": "Complexity: {kind}", "ru": "Сложность: {kind}", "kk": "Күрделілік: {kind}"},
    "panel_size_of": {"en": "Panel size: {kind}", "ru": "Состав: {kind}", "kk": "Құрам: {kind}"},
    "panel_member_share": {
        "en": "Share of a panel member's load",
        "ru": "Доля нагрузки члена состава",
        "kk": "Құрам мүшесінің жүктеме үлесі",
    },
    "min_pool_size": {"en": "Smallest pool", "ru": "Минимальный круг судей", "kk": "Судьялардың ең аз тобы"},
    "max_load_deviation": {
        "en": "Alert at load deviation",
        "ru": "Порог отклонения нагрузки",
        "kk": "Жүктеме ауытқу шегі",
    },
    "reassign_after_absence_days": {
        "en": "Redraw after absence of (days)",
        "ru": "Перераспределять после отсутствия (дней)",
        "kk": "Болмағаннан кейін қайта бөлу (күн)",
    },
    "adopt": {"en": "Adopt", "ru": "Утвердить", "kk": "Бекіту"},
    "cassation": {"en": "cassation", "ru": "кассация", "kk": "кассация"},
    "extradition": {"en": "extradition", "ru": "экстрадиция", "kk": "экстрадиция"},
}
for _key in ROLE_PAGES:
    assert _key not in LABELS, f"label {_key} twice"  # a second meaning of a key would hide the first
LABELS.update(ROLE_PAGES)

# Values the read side gives that share a word with another meaning, or are names of steps:
# labelled under their own prefix (a template says t("step." ~ name)), every one of them in
# each language (tests/unit/test_console.py checks them against the domain's own lists).
VALUES: dict[str, dict[str, str]] = {
    # A staff member's category (domain/personnel/staff.py StaffCategory; "consultant" is the role's).
    "secretary": {"en": "Secretary", "ru": "Секретарь", "kk": "Хатшы"},
    "officer": {"en": "Officer", "ru": "Специалист", "kk": "Маман"},
    "manager": {"en": "Head of a unit", "ru": "Руководитель подразделения", "kk": "Бөлімше басшысы"},
    # An international project's status and report kinds (domain/international/project.py).
    "active": {"en": "Active", "ru": "Выполняется", "kk": "Орындалуда"},
    "interim": {"en": "Interim report", "ru": "Промежуточный отчёт", "kk": "Аралық есеп"},
    "final": {"en": "Final report", "ru": "Итоговый отчёт", "kk": "Қорытынды есеп"},
    # A leave's kind (LeaveKind).
    "annual": {"en": "Annual leave", "ru": "Ежегодный отпуск", "kk": "Жыл сайынғы демалыс"},
    "sick": {"en": "Sick leave", "ru": "Больничный", "kk": "Еңбекке жарамсыздық парағы"},
    "unpaid": {"en": "Unpaid leave", "ru": "Отпуск без сохранения зарплаты", "kk": "Жалақысы сақталмайтын демалыс"},
    "study": {"en": "Study leave", "ru": "Учебный отпуск", "kk": "Оқу демалысы"},
    "maternity": {
        "en": "Maternity leave",
        "ru": "Отпуск по беременности и родам",
        "kk": "Жүктілік және босану демалысы",
    },
    # A foreign request's steps, by the name of their event (the history and the monitoring).
    "step.request-received": {"en": "Received", "ru": "Поступило", "kk": "Түсті"},
    "step.request-registered": {"en": "Registered", "ru": "Зарегистрировано", "kk": "Тіркелді"},
    "step.translation-requested": {"en": "Translation ordered", "ru": "Заказан перевод", "kk": "Аударма тапсырылды"},
    "step.translation-received": {"en": "Translation received", "ru": "Перевод получен", "kk": "Аударма алынды"},
    "step.request-studied": {"en": "Studied", "ru": "Изучено", "kk": "Зерделенді"},
    "step.request-signed-off": {"en": "Signed off (§13)", "ru": "Подписано (§13)", "kk": "Қол қойылды (§13)"},
    "step.request-forwarded": {
        "en": "Forwarded to a court",
        "ru": "Направлено в суд",
        "kk": "Сотқа жіберілді",
    },
    "step.request-sent-abroad": {"en": "Sent abroad", "ru": "Направлено за рубеж", "kk": "Шетелге жіберілді"},
    "step.original-posted": {
        "en": "Original posted",
        "ru": "Оригинал отправлен почтой",
        "kk": "Түпнұсқа поштамен жіберілді",
    },
    "step.request-returned": {"en": "Returned", "ru": "Возвращено", "kk": "Қайтарылды"},
    "step.request-refused": {"en": "Refused", "ru": "Отказано в исполнении", "kk": "Орындаудан бас тартылды"},
    "step.execution-reported": {
        "en": "Execution reported",
        "ru": "Сообщено об исполнении",
        "kk": "Орындалуы туралы хабарланды",
    },
    "step.documents-returned": {"en": "Documents returned", "ru": "Документы возвращены", "kk": "Құжаттар қайтарылды"},
    "step.request-closed": {"en": "Closed", "ru": "Закрыто", "kk": "Жабылды"},
    # A personal reception's steps, by the name of their event.
    "step.reception-scheduled": {"en": "Scheduled", "ru": "Назначен", "kk": "Тағайындалды"},
    "step.reception-rescheduled": {"en": "Rescheduled", "ru": "Перенесён", "kk": "Ауыстырылды"},
    "step.reception-material-prepared": {
        "en": "Reference material prepared",
        "ru": "Подготовлена справка",
        "kk": "Анықтама дайындалды",
    },
    "step.reception-held": {"en": "Held", "ru": "Проведён", "kk": "Өтті"},
    "step.reception-cancelled": {"en": "Cancelled", "ru": "Отменён", "kk": "Күші жойылды"},
    # A term's unit (domain/deadlines/terms.py Unit).
    "unit.hours": {"en": "hours", "ru": "часы", "kk": "сағат"},
    "unit.calendar_days": {"en": "calendar days", "ru": "календарные дни", "kk": "күнтізбелік күндер"},
    "unit.working_days": {"en": "working days", "ru": "рабочие дни", "kk": "жұмыс күндері"},
    "unit.months": {"en": "months", "ru": "месяцы", "kk": "айлар"},
    # A reception's status ("cancelled" alone is a ruling's outcome: "to cancel" the act).
    "reception.scheduled": {"en": "Scheduled", "ru": "Назначен", "kk": "Тағайындалды"},
    "reception.held": {"en": "Held", "ru": "Проведён", "kk": "Өтті"},
    "reception.cancelled": {"en": "Cancelled", "ru": "Отменён", "kk": "Күші жойылды"},
    # Who may sign (§13; domain/international/signing.py Capacity).
    "supervising_deputy_head": {
        "en": "Deputy head supervising the line",
        "ru": "Заместитель председателя, курирующий направление",
        "kk": "Бағытқа жетекшілік ететін төраға орынбасары",
    },
    "acting": {
        "en": "Acting for him by an order",
        "ru": "Исполняющий обязанности по приказу",
        "kk": "Бұйрық бойынша міндетін атқарушы",
    },
    "secretariat_head": {
        "en": "Head of the Secretariat (000 §13)",
        "ru": "Заведующий Секретариатом (п. 13)",
        "kk": "Хатшылық меңгерушісі (13-т.)",
    },
    # Requests for information and analysis (domain/inforequests/request.py).
    "presidential_administration": {
        "en": "Presidential Administration",
        "ru": "Администрация Президента",
        "kk": "Президент Әкімшілігі",
    },
    "state_body": {"en": "state body", "ru": "государственный орган", "kk": "мемлекеттік орган"},
    "practice_analysis": {
        "en": "analysis of judicial practice",
        "ru": "анализ судебной практики",
        "kk": "сот практикасын талдау",
    },
    "esedo": {"en": "ESEDO (state e-documents)", "ru": "ЕСЭДО", "kk": "БЭҚЖЖ"},
    "signed": {"en": "signed", "ru": "подписано", "kk": "қол қойылды"},
    # Instances a request may be forwarded to (domain/international/jurisdiction.py Instance).
    "district": {"en": "District court", "ru": "Районный суд", "kk": "Аудандық сот"},
    "regional": {"en": "Regional court", "ru": "Областной суд", "kk": "Облыстық сот"},
}
for _key in VALUES:
    assert _key not in LABELS, f"label {_key} twice"
LABELS.update(VALUES)

# The archivist's, the analyst's, the personnel officer's and the projects' pages
# (console/archive_pages.py, inforequest_pages.py, personnel_pages.py, project_pages.py).
HOMES: dict[str, dict[str, str]] = {
    # the archive (api/routes/archive.py; domain/archive/file.py)
    "archive": {"en": "Archive", "ru": "Архив", "kk": "Мұрағат"},
    "archive_file": {"en": "Archive file", "ru": "Архивное дело", "kk": "Мұрағат ісі"},
    "archive_number": {"en": "Archive No.", "ru": "Архивный №", "kk": "Мұрағат №"},
    "archive_year": {"en": "Archive year", "ru": "Год архива", "kk": "Мұрағат жылы"},
    "archived": {"en": "In the archive", "ru": "В архиве", "kk": "Мұрағатта"},
    "issued": {"en": "Issued", "ru": "Выдано", "kk": "Берілді"},
    "destroyed": {"en": "Destroyed", "ru": "Уничтожено", "kk": "Жойылды"},
    "register.archive": {"en": "Archive register", "ru": "Архивный журнал", "kk": "Мұрағат журналы"},
    "register.archive_issued": {
        "en": "Files issued and not returned",
        "ru": "Выданные и не возвращённые дела",
        "kk": "Берілген және қайтарылмаған істер",
    },
    "register.archive_review": {
        "en": "Due for review of destruction",
        "ru": "Подлежат экспертизе ценности",
        "kk": "Жою сараптамасына жататын істер",
    },
    "latest_handovers": {"en": "Latest handovers", "ru": "Последние сданные дела", "kk": "Соңғы тапсырылған істер"},
    "hand_over_file": {
        "en": "Take a file into the archive",
        "ru": "Принять дело в архив",
        "kk": "Істі мұрағатқа қабылдау",
    },
    "draw_up_act": {
        "en": "Draw up a destruction act",
        "ru": "Составить акт об уничтожении",
        "kk": "Жою туралы акт жасау",
    },
    "act_drawn_up": {
        "en": "Destruction act {number} drawn up: it goes to the head for approval.",
        "ru": "Составлен акт об уничтожении {number}: он передан председателю на утверждение.",
        "kk": "{number} жою туралы акт жасалды: ол төрағаға бекітуге берілді.",
    },
    "issue_file": {"en": "Issue the file", "ru": "Выдать дело", "kk": "Істі беру"},
    "take_file_back": {"en": "Take the file back", "ru": "Принять дело обратно", "kk": "Істі кері қабылдау"},
    "place_hold": {"en": "Place a hold", "ru": "Наложить запрет уничтожения", "kk": "Жоюға тыйым салу"},
    "lift_hold": {"en": "Lift a hold", "ru": "Снять запрет уничтожения", "kk": "Жоюға тыйымды алу"},
    "nomenclature_index": {"en": "Nomenclature index", "ru": "Индекс по номенклатуре", "kk": "Номенклатура индексі"},
    "volumes": {"en": "Volumes", "ru": "Томов", "kk": "Томдар"},
    "sheets": {"en": "Sheets", "ru": "Листов", "kk": "Парақтар"},
    "handed_over_by": {"en": "Handed over by", "ru": "Кто сдал", "kk": "Тапсырған"},
    "handed_over_at": {"en": "Taken in", "ru": "Принято в архив", "kk": "Мұрағатқа қабылданды"},
    "disposal": {"en": "Disposed of", "ru": "Производство окончено", "kk": "Іс жүргізу аяқталды"},
    "disposed_on": {"en": "Disposed of on", "ru": "Дата окончания", "kk": "Аяқталған күні"},
    "retention": {"en": "Retention", "ru": "Срок хранения", "kk": "Сақтау мерзімі"},
    "retention_category": {"en": "Retention category", "ru": "Категория хранения", "kk": "Сақтау санаты"},
    "retention_ends_on": {"en": "Kept until", "ru": "Хранить до", "kk": "Сақтау мерзімі"},
    "permanent": {"en": "permanently", "ru": "постоянно", "kk": "тұрақты"},
    "holds": {"en": "Holds", "ru": "Запреты уничтожения", "kk": "Жоюға тыйымдар"},
    "hold_ground": {"en": "Ground of the hold", "ru": "Основание запрета", "kk": "Тыйым негізі"},
    "retention_years": {"en": "{n} years", "ru": "{n} лет", "kk": "{n} жыл"},
    "dismissal_on": {"en": "Dismissed as of", "ru": "Дата увольнения", "kk": "Босату күні"},
    "hold_id": {"en": "Hold", "ru": "Запрет", "kk": "Тыйым"},
    "pending_request": {"en": "A request pending", "ru": "Неисполненный запрос", "kk": "Орындалмаған сұраныс"},
    "case_reopened": {"en": "The case reopened", "ru": "Возобновление производства", "kk": "Іс жүргізуді қайта бастау"},
    "litigation": {"en": "Litigation", "ru": "Судебный спор", "kk": "Сот дауы"},
    "recipient_kind": {"en": "Recipient", "ru": "Получатель", "kk": "Алушы"},
    "recipient": {"en": "Recipient's name", "ru": "Наименование получателя", "kk": "Алушының атауы"},
    "authorised_body": {"en": "Authorised body", "ru": "Уполномоченный орган", "kk": "Уәкілетті орган"},
    "request_ref": {"en": "Request (ref.)", "ru": "Запрос (№)", "kk": "Сұраныс (№)"},
    "issued_to": {"en": "Issued to", "ru": "Кому выдано", "kk": "Кімге берілді"},
    "issued_at": {"en": "Issued", "ru": "Выдано", "kk": "Берілді"},
    "return_due_at": {"en": "Due back", "ru": "Вернуть до", "kk": "Қайтару мерзімі"},
    "returned_at": {"en": "Returned at", "ru": "Возвращено", "kk": "Қайтарылды"},
    "act_number": {"en": "Act No.", "ru": "№ акта", "kk": "Акт №"},
    "destruction_act": {"en": "Destruction act", "ru": "Акт об уничтожении", "kk": "Жою туралы акт"},
    "review_year": {"en": "Year of review", "ru": "Год экспертизы", "kk": "Сараптама жылы"},
    # destruction acts (api/routes/archive.py; domain/archive/destruction.py ActStatus)
    "destruction_acts": {"en": "Destruction acts", "ru": "Акты об уничтожении", "kk": "Жою туралы актілер"},
    "acts_awaiting_approval": {
        "en": "Destruction acts awaiting approval",
        "ru": "Акты об уничтожении на утверждении",
        "kk": "Бекітуді күтетін жою туралы актілер",
    },
    "drawn_up": {"en": "Awaiting approval", "ru": "На утверждении", "kk": "Бекітуді күтуде"},
    "act_drawn_up_on": {"en": "Drawn up", "ru": "Составлен", "kk": "Жасалды"},
    "approved_by_head": {"en": "Approved", "ru": "Утверждён", "kk": "Бекітілді"},
    "files_listed": {"en": "Files listed", "ru": "Дела, включённые в акт", "kk": "Актіге енгізілген істер"},
    "approve_act": {
        "en": "Approve the destruction act",
        "ru": "Утвердить акт об уничтожении",
        "kk": "Жою туралы актіні бекіту",
    },
    "approve_act_help": {
        "en": "Each listed file is checked again: one held or issued since refuses the whole act. "
        "On approval every listed file is recorded as destroyed.",
        "ru": "Каждое дело проверяется заново: запрет или выдача после составления акта отклоняют весь акт. "
        "При утверждении каждое дело из акта записывается как уничтоженное.",
        "kk": "Әр іс қайта тексеріледі: акт жасалғаннан кейінгі тыйым немесе беру бүкіл актіні қабылдамайды. "
        "Бекітілгенде актідегі әр іс жойылды деп жазылады.",
    },
    "approve": {"en": "Approve", "ru": "Утвердить", "kk": "Бекіту"},
    # requests for information and analysis (api/routes/inforequests.py)
    "information_requests": {
        "en": "Information requests",
        "ru": "Запросы информации",
        "kk": "Ақпарат сұраныстары",
    },
    "register.information_requests": {
        "en": "Register of information requests",
        "ru": "Журнал запросов информации",
        "kk": "Ақпарат сұраныстарының журналы",
    },
    "my_information_requests": {
        "en": "Requests assigned to me",
        "ru": "Запросы, поручённые мне",
        "kk": "Маған тапсырылған сұраныстар",
    },
    "open_information_requests": {
        "en": "Requests not yet answered",
        "ru": "Запросы без ответа",
        "kk": "Жауап берілмеген сұраныстар",
    },
    "register_information_request": {
        "en": "Register a request",
        "ru": "Зарегистрировать запрос",
        "kk": "Сұранысты тіркеу",
    },
    "inforequest": {"en": "Information request", "ru": "Запрос информации", "kk": "Ақпарат сұранысы"},
    "requester": {"en": "Requester", "ru": "Инициатор запроса", "kk": "Сұраныс жіберуші"},
    "requester.name": {"en": "Requester", "ru": "Инициатор запроса", "kk": "Сұраныс жіберуші"},
    "requester.kind": {"en": "Requester's kind", "ru": "Вид инициатора", "kk": "Жіберуші түрі"},
    "requester_kind": {"en": "Requester's kind", "ru": "Вид инициатора", "kk": "Жіберуші түрі"},
    "requester.reference": {
        "en": "Their letter (No., date)",
        "ru": "Их письмо (№, дата)",
        "kk": "Олардың хаты (№, күні)",
    },
    "assignee": {"en": "Analyst", "ru": "Исполнитель", "kk": "Орындаушы"},
    "answer_due": {"en": "Answer due", "ru": "Срок ответа", "kk": "Жауап мерзімі"},
    "answered_at": {"en": "Answered", "ru": "Ответ направлен", "kk": "Жауап жіберілді"},
    "extended_until": {"en": "extended until", "ru": "продлён до", "kk": "дейін ұзартылды"},
    "signed_by": {"en": "Signed by", "ru": "Подписал", "kk": "Қол қойған"},
    "sign_off": {"en": "Sign", "ru": "Подписать", "kk": "Қол қою"},
    "sign_off_answer": {"en": "Sign the answer off", "ru": "Подписать ответ", "kk": "Жауапқа қол қою"},
    "sign_off_help": {
        "en": "You sign as yourself: the signing register (§13) must name you at this moment.",
        "ru": "Вы подписываете от своего имени: реестр права подписи (п. 13) должен называть вас на этот момент.",
        "kk": "Сіз өз атыңыздан қол қоясыз: қол қою тізілімі (13-т.) осы сәтте сізді атауы тиіс.",
    },
    # the staff (api/routes/personnel.py)
    "personnel": {"en": "Personnel", "ru": "Кадры", "kk": "Кадрлар"},
    "staff_member": {"en": "Staff member", "ru": "Сотрудник", "kk": "Қызметкер"},
    "staff_in_post": {"en": "Staff in post", "ru": "Работающие сотрудники", "kk": "Жұмыс істейтін қызметкерлер"},
    "away_today": {"en": "Away today", "ru": "Отсутствуют сегодня", "kk": "Бүгін жоқтар"},
    "trip_reports_due": {
        "en": "Foreign trips awaiting their report",
        "ru": "Зарубежные командировки без отчёта",
        "kk": "Есебі жоқ шетелдік іссапарлар",
    },
    "register.staff": {"en": "Staff register", "ru": "Реестр сотрудников", "kk": "Қызметкерлер тізілімі"},
    "register.absences": {
        "en": "Leave and business trips",
        "ru": "Отпуска и командировки",
        "kk": "Демалыстар мен іссапарлар",
    },
    "register.trips": {"en": "Business trips", "ru": "Командировки", "kk": "Іссапарлар"},
    "register.absent_staff_items": {
        "en": "Open applications of absent consultants",
        "ru": "Неисполненные обращения отсутствующих консультантов",
        "kk": "Жоқ консультанттардың орындалмаған өтініштері",
    },
    "register.projects": {"en": "International projects", "ru": "Международные проекты", "kk": "Халықаралық жобалар"},
    "full_name": {"en": "Full name", "ru": "ФИО", "kk": "Аты-жөні"},
    "user_id": {"en": "Account (user id)", "ru": "Учётная запись (id)", "kk": "Есептік жазба (id)"},
    "post_title": {"en": "Post", "ru": "Должность", "kk": "Лауазым"},
    "post.title": {"en": "Post", "ru": "Должность", "kk": "Лауазым"},
    "post.unit": {"en": "Unit", "ru": "Подразделение", "kk": "Бөлімше"},
    "post.category": {"en": "Category", "ru": "Категория", "kk": "Санат"},
    "category": {"en": "Category", "ru": "Категория", "kk": "Санат"},
    "in_post": {"en": "In post", "ru": "Работает", "kk": "Жұмыс істейді"},
    "appointed_on": {"en": "Appointed on", "ru": "Назначен", "kk": "Тағайындалды"},
    "dismissed_on": {"en": "Dismissed on", "ru": "Уволен", "kk": "Босатылды"},
    "transfer_on": {"en": "Transferred on", "ru": "Дата перевода", "kk": "Ауыстыру күні"},
    "decision_ref": {"en": "Order (No., date)", "ru": "Приказ (№, дата)", "kk": "Бұйрық (№, күні)"},
    "decision_on": {"en": "Order dated", "ru": "Дата приказа", "kk": "Бұйрық күні"},
    "absence": {"en": "Leave or trip", "ru": "Отпуск или командировка", "kk": "Демалыс не іссапар"},
    "away_on": {"en": "Away on", "ru": "Отсутствует в день", "kk": "Болмайтын күні"},
    "period": {"en": "Period", "ru": "Период", "kk": "Кезең"},
    "starts_on": {"en": "From", "ru": "С", "kk": "Басталуы"},
    "ends_on": {"en": "To", "ru": "По", "kk": "Аяқталуы"},
    "departs_on": {"en": "Departs on", "ru": "Дата выезда", "kk": "Кету күні"},
    "returns_on": {"en": "Returns on", "ru": "Дата возвращения", "kk": "Оралу күні"},
    "trip": {"en": "Business trip", "ru": "Командировка", "kk": "Іссапар"},
    "foreign_trip": {"en": "Abroad", "ru": "За рубеж", "kk": "Шетелге"},
    "trip_report": {"en": "Final report", "ru": "Итоговый отчёт", "kk": "Қорытынды есеп"},
    "submitted": {"en": "submitted", "ru": "представлен", "kk": "берілді"},
    "country": {"en": "Country", "ru": "Страна", "kk": "Ел"},
    "country_code": {
        "en": "Country (ISO code, KZ at home)",
        "ru": "Страна (код ISO, KZ — по РК)",
        "kk": "Ел (ISO коды, ҚР бойынша KZ)",
    },
    "city": {"en": "City", "ru": "Город", "kk": "Қала"},
    "host": {"en": "Host", "ru": "Принимающая сторона", "kk": "Қабылдаушы тарап"},
    "purpose": {"en": "Purpose", "ru": "Цель", "kk": "Мақсаты"},
    "project_id": {"en": "Project (id)", "ru": "Проект (id)", "kk": "Жоба (id)"},
    "report": {"en": "Report", "ru": "Отчёт", "kk": "Есеп"},
    "report_ref": {"en": "Report (document ref.)", "ru": "Отчёт (№ документа)", "kk": "Есеп (құжат №)"},
    "report_due_at": {"en": "Report due", "ru": "Срок отчёта", "kk": "Есеп мерзімі"},
    "report_submitted_on": {"en": "Report submitted", "ru": "Отчёт представлен", "kk": "Есеп берілді"},
    "report_overdue": {"en": "Report late", "ru": "Отчёт просрочен", "kk": "Есеп кешіктірілді"},
    "submitted_on": {"en": "Submitted on", "ru": "Дата представления", "kk": "Берілген күні"},
    "appoint": {"en": "Appoint to a post", "ru": "Назначить на должность", "kk": "Лауазымға тағайындау"},
    "transfer": {"en": "Transfer", "ru": "Перевести", "kk": "Ауыстыру"},
    "dismiss": {"en": "Dismiss", "ru": "Уволить", "kk": "Жұмыстан босату"},
    "grant_leave": {"en": "Grant leave", "ru": "Предоставить отпуск", "kk": "Демалыс беру"},
    "send_on_trip": {"en": "Send on a business trip", "ru": "Направить в командировку", "kk": "Іссапарға жіберу"},
    "cancel_absence": {
        "en": "Cancel a leave or trip",
        "ru": "Отменить отпуск или командировку",
        "kk": "Демалысты не іссапарды тоқтату",
    },
    "submit_trip_report": {
        "en": "The trip's final report",
        "ru": "Итоговый отчёт о командировке",
        "kk": "Іссапардың қорытынды есебі",
    },
    # international projects (api/routes/international_projects.py)
    "international_projects": {
        "en": "International projects",
        "ru": "Международные проекты",
        "kk": "Халықаралық жобалар",
    },
    "international_project": {"en": "International project", "ru": "Международный проект", "kk": "Халықаралық жоба"},
    "register_project": {"en": "Register a project", "ru": "Зарегистрировать проект", "kk": "Жобаны тіркеу"},
    "title": {"en": "Title", "ru": "Наименование", "kk": "Атауы"},
    "partner": {"en": "Partner", "ru": "Партнёр", "kk": "Серіктес"},
    "coordinator": {"en": "Coordinator (user id)", "ru": "Координатор (id)", "kk": "Үйлестіруші (id)"},
    "reports": {"en": "Reports", "ru": "Отчёты", "kk": "Есептер"},
    "milestones": {"en": "Milestones", "ru": "Этапы", "kk": "Кезеңдер"},
    "milestone": {"en": "Milestone", "ru": "Этап", "kk": "Кезең"},
    "milestones_late": {"en": "Milestones late", "ru": "Просрочено этапов", "kk": "Кешіккен кезеңдер"},
    "due_on": {"en": "Due on", "ru": "Срок", "kk": "Мерзімі"},
    "reached_on": {"en": "Reached on", "ru": "Выполнен", "kk": "Орындалды"},
    "note": {"en": "Note", "ru": "Примечание", "kk": "Ескертпе"},
    "closed_on": {"en": "Closed on", "ru": "Дата закрытия", "kk": "Жабылған күні"},
    "on_day": {"en": "As of", "ru": "На дату", "kk": "Күнге"},
    "plan_milestone": {"en": "Plan a milestone", "ru": "Запланировать этап", "kk": "Кезеңді жоспарлау"},
    "reach_milestone": {"en": "A milestone reached", "ru": "Этап выполнен", "kk": "Кезең орындалды"},
    "submit_project_report": {"en": "Submit a report", "ru": "Представить отчёт", "kk": "Есеп беру"},
    "close_project": {"en": "Close the project", "ru": "Закрыть проект", "kk": "Жобаны жабу"},
}
for _key in HOMES:
    assert _key not in LABELS, f"label {_key} twice"
LABELS.update(HOMES)

# The audit trail's events, by their public name (contract/; the trail shows the type too, as
# the auditor quotes it): name -> (en, ru, kk).
EVENTS: dict[str, tuple[str, str, str]] = {
    # registry
    "registration-journal-opened": (
        "Registration journal opened",
        "Открыт журнал регистрации",
        "Тіркеу журналы ашылды",
    ),
    "item-registered": ("Item registered", "Документ зарегистрирован", "Құжат тіркелді"),
    "complaint-registered": ("Complaint registered", "Жалоба зарегистрирована", "Шағым тіркелді"),
    "registration-number-assigned": ("Number assigned", "Присвоен номер", "Нөмір берілді"),
    "filing-recorded": ("Filing recorded", "Подача учтена", "Беру есепке алынды"),
    "filing-term-confirmed": ("Filing term confirmed", "Срок подачи подтверждён", "Беру мерзімі расталды"),
    "item-returned": ("Returned", "Возвращено", "Қайтарылды"),
    # assignment
    "court-roster-opened": ("Roster opened", "Открыт список судей", "Судьялар тізімі ашылды"),
    "judge-enrolled": ("Judge enrolled", "Судья включён в список", "Судья тізімге енгізілді"),
    "absence-recorded": ("Absence recorded", "Отмечено отсутствие", "Болмауы белгіленді"),
    "distribution-settings-adopted": ("Settings adopted", "Утверждены настройки", "Баптаулар бекітілді"),
    "case-distributed": ("Case distributed", "Дело распределено", "Іс бөлінді"),
    "distribution-pool-below-minimum": (
        "Pool below the minimum",
        "Круг судей меньше минимума",
        "Судьялар шеңбері ең азынан кем",
    ),
    "distribution-pool-fell-below-minimum": (
        "Pool fell below the minimum",
        "Круг судей стал меньше минимума",
        "Судьялар шеңбері ең азынан кеміді",
    ),
    "judge-recused": ("Judge recused", "Отвод судьи", "Судьяға қарсылық"),
    "case-reassigned": ("Seat redrawn", "Судья в составе заменён", "Құрамдағы судья ауыстырылды"),
    "load-share-drifted": ("Load drifted", "Нагрузка отклонилась", "Жүктеме ауытқыды"),
    "load-released": ("Load released", "Нагрузка снята", "Жүктеме алынды"),
    # proceedings
    "case-accepted": ("Accepted", "Принято к производству", "Іс жүргізуге қабылданды"),
    "case-file-requested": ("Case file requested", "Истребовано дело", "Іс талап етілді"),
    "case-file-received": ("Case file received", "Дело поступило", "Іс түсті"),
    "parties-notified": ("Parties notified", "Стороны извещены", "Тараптар хабардар етілді"),
    "hearing-scheduled": ("Hearing scheduled", "Назначено заседание", "Отырыс тағайындалды"),
    "hearing-postponed": ("Hearing postponed", "Заседание отложено", "Отырыс кейінге қалдырылды"),
    "hearing-held": ("Hearing held", "Заседание проведено", "Отырыс өтті"),
    "complaint-withdrawn": ("Complaint withdrawn", "Жалоба отозвана", "Шағым кері қайтарылды"),
    "execution-suspended": ("Execution suspended", "Исполнение приостановлено", "Орындау тоқтатыла тұрды"),
    "complaints-joined": ("Complaints joined", "Жалобы объединены", "Шағымдар біріктірілді"),
    "joined-into": ("Joined into another case", "Присоединено к делу", "Іске қосылды"),
    "ruling-entered": ("Ruling entered", "Вынесено постановление", "Қаулы шығарылды"),
    "judicial-act-entered": ("Judicial act entered", "Внесён судебный акт", "Сот актісі енгізілді"),
    "act-published": ("Act published", "Акт опубликован", "Акт жарияланды"),
    # deadlines
    "calendar-opened": ("Calendar opened", "Открыт календарь", "Күнтізбе ашылды"),
    "calendar-order-entered": ("Calendar order entered", "Внесён акт о календаре", "Күнтізбе туралы акт енгізілді"),
    "deadline-started": ("Term started", "Срок начал течь", "Мерзім басталды"),
    "deadline-approaching": ("Term approaching", "Срок истекает", "Мерзім өтуде"),
    "deadline-approached": ("Term approaching", "Срок истекает", "Мерзім өтуде"),
    "deadline-met": ("Term met", "Срок соблюдён", "Мерзім сақталды"),
    "deadline-missed": ("Term missed", "Срок пропущен", "Мерзім өткізілді"),
    "deadline-extended": ("Term extended", "Срок продлён", "Мерзім ұзартылды"),
    "deadline-suspended": ("Term suspended", "Срок приостановлен", "Мерзім тоқтатыла тұрды"),
    "deadline-resumed": ("Term resumed", "Срок возобновлён", "Мерзім қайта басталды"),
    "deadline-recomputed": ("Term recomputed", "Срок пересчитан", "Мерзім қайта есептелді"),
    "deadline-closed": ("Term closed with the case", "Срок закрыт с делом", "Мерзім іспен бірге жабылды"),
    # international (besides the request's steps above)
    "signing-register-opened": ("Signing register opened", "Открыт реестр права подписи", "Қол қою тізілімі ашылды"),
    "signing-authority-recorded": ("Signing authority recorded", "Записано право подписи", "Қол қою құқығы жазылды"),
    # applications
    "application-registered": ("Application registered", "Обращение зарегистрировано", "Өтініш тіркелді"),
    "consultant-assigned": ("Consultant assigned", "Назначен исполнитель", "Орындаушы тағайындалды"),
    "answer-drafted": ("Answer drafted", "Подготовлен проект ответа", "Жауап жобасы дайындалды"),
    "answer-approved": ("Answer approved", "Ответ утверждён", "Жауап бекітілді"),
    "answer-sent": ("Answer sent", "Ответ направлен", "Жауап жіберілді"),
    "application-redirected": ("Redirected", "Направлено по подведомственности", "Қарауына қарай жіберілді"),
    "answer-term-extended": ("Answer term extended", "Срок ответа продлён", "Жауап мерзімі ұзартылды"),
    "extension-notified": (
        "Extension notified",
        "Заявитель уведомлён о продлении",
        "Өтініш беруші ұзарту туралы хабардар етілді",
    ),
    "application-received-at-reception": (
        "Application handed in at a reception",
        "Обращение принято на приёме",
        "Өтініш қабылдауда алынды",
    ),
    # archive
    "archive-journal-opened": ("Archive journal opened", "Открыт архивный журнал", "Мұрағат журналы ашылды"),
    "archive-number-assigned": ("Archive number assigned", "Присвоен архивный номер", "Мұрағат нөмірі берілді"),
    "file-handed-over": ("File handed over to the archive", "Дело сдано в архив", "Іс мұрағатқа тапсырылды"),
    "file-issued": ("File issued from the archive", "Дело выдано из архива", "Іс мұрағаттан берілді"),
    "file-returned": ("File returned to the archive", "Дело возвращено в архив", "Іс мұрағатқа қайтарылды"),
    "hold-placed": ("Hold placed on the file", "Наложен запрет уничтожения", "Жоюға тыйым салынды"),
    "hold-lifted": ("Hold lifted", "Запрет уничтожения снят", "Жоюға тыйым алынды"),
    "destruction-act-drawn-up": ("Destruction act drawn up", "Составлен акт об уничтожении", "Жою туралы акт жасалды"),
    "destruction-act-approved": (
        "Destruction act approved",
        "Акт об уничтожении утверждён",
        "Жою туралы акт бекітілді",
    ),
    "file-destroyed": ("File destroyed", "Дело уничтожено", "Іс жойылды"),
    # requests for information and analysis (000 §7.3)
    "request-assigned": (
        "Request assigned to the practice-analysis sector",
        "Запрос передан в сектор анализа судебной практики",
        "Сұраныс сот практикасын талдау секторына берілді",
    ),
    "answer-signed-off": ("Answer signed off", "Ответ подписан", "Жауапқа қол қойылды"),
    # international projects (003 §7.7-7.9)
    "project-registered": (
        "International project registered",
        "Зарегистрирован международный проект",
        "Халықаралық жоба тіркелді",
    ),
    "project-milestone-planned": ("Project milestone planned", "Запланирован этап проекта", "Жоба кезеңі жоспарланды"),
    "project-milestone-reached": ("Project milestone reached", "Этап проекта выполнен", "Жоба кезеңі орындалды"),
    "project-report-submitted": (
        "Project report submitted",
        "Представлен отчёт по проекту",
        "Жоба бойынша есеп берілді",
    ),
    "project-closed": ("Project closed", "Проект закрыт", "Жоба жабылды"),
    # personal records of the staff (004 §15.7) and business trips (003 §7.11)
    "staff-appointed": (
        "Staff member appointed",
        "Сотрудник назначен на должность",
        "Қызметкер лауазымға тағайындалды",
    ),
    "staff-transferred": ("Staff member transferred", "Сотрудник переведён", "Қызметкер ауыстырылды"),
    "staff-dismissed": ("Staff member dismissed", "Сотрудник уволен", "Қызметкер жұмыстан босатылды"),
    "leave-granted": ("Leave granted", "Предоставлен отпуск", "Демалыс берілді"),
    "trip-sent": ("Business trip approved", "Направлен в командировку", "Іссапарға жіберілді"),
    "absence-cancelled": (
        "Leave or trip cancelled",
        "Отпуск или командировка отменены",
        "Демалыс не іссапар тоқтатылды",
    ),
    "trip-reported": (
        "Trip's final report submitted",
        "Представлен итоговый отчёт о командировке",
        "Іссапар туралы қорытынды есеп берілді",
    ),
}
for _name, (_en, _ru, _kk) in EVENTS.items():
    LABELS[f"event.{_name}"] = {"en": _en, "ru": _ru, "kk": _kk}
for _key in [k for k in VALUES if k.startswith("step.")]:  # a request's or a reception's steps are events too
    LABELS.setdefault(f"event.{_key.removeprefix('step.')}", VALUES[_key])

# The API's refusals said in the court's languages, by the refusal's class (the problem's
# `errors[].type`) and, when its class has no words here, by its problem type (the slug of
# api/problems.py's PROBLEMS) followed by the API's own English detail. English is the API's text.
REFUSALS: dict[str, dict[str, str]] = {
    "StepNotAllowedNowError": {
        "ru": "Этот шаг сейчас невозможен: этап — «{stage}».",
        "kk": "Бұл қадам қазір мүмкін емес: кезең — «{stage}».",
    },
    "CommandNotAllowedNowError": {
        "ru": "Этот шаг невозможен на этапе дела «{stage}».",
        "kk": "Бұл қадам істің «{stage}» кезеңінде мүмкін емес.",
    },
    "ReceptionStepNotAllowedError": {
        "ru": "Этот шаг невозможен: приём уже {stage}.",
        "kk": "Бұл қадам мүмкін емес: қабылдау {stage}.",
    },
    "TranslationRequiredError": {
        "ru": "Поручение на этом языке по данному договору изучается только после заверенного перевода "
        "на казахский или русский язык: сначала закажите перевод.",
        "kk": "Бұл шарт бойынша осы тілдегі тапсырма қазақ немесе орыс тіліне куәландырылған аудармадан "
        "кейін ғана зерделенеді: алдымен аударма тапсырыңыз.",
    },
    "WrongDirectionError": {
        "ru": "Этот шаг не применяется к поручению такого вида (входящие — в суд РК, исходящие — за рубеж).",
        "kk": "Бұл қадам мұндай тапсырмаға қолданылмайды (кірістер — ҚР сотына, шығыстар — шетелге).",
    },
    "PretrialDiscoveryError": {
        "ru": "Поручение о досудебном истребовании документов не исполняется (ст. 23 Гаагской конвенции 1970 г.): "
        "откажите в исполнении по этому основанию.",
        "kk": "Сотқа дейінгі құжаттарды талап ету туралы тапсырма орындалмайды (1970 ж. Гаага конвенциясының "
        "23-бабы): осы негізбен бас тартыңыз.",
    },
    "SignOffRequiredError": {
        "ru": "Нужен подписанный документ (§13): сначала подпишите его.",
        "kk": "Қол қойылған құжат қажет (§13): алдымен қол қойыңыз.",
    },
    "SignerNotAuthorisedError": {
        "ru": "У подписавшего не было полномочий подписывать документы о правовой помощи (§13).",
        "kk": "Қол қоюшының құқықтық көмек құжаттарына қол қою өкілеттігі болмады (§13).",
    },
    "NoCompetentCourtError": {
        "ru": "В этом регионе нет суда, компетентного для такого поручения.",
        "kk": "Бұл өңірде мұндай тапсырмаға құзыретті сот жоқ.",
    },
    "ReasonRequiredError": {"ru": "Для этого шага нужна причина.", "kk": "Бұл қадамға себеп қажет."},
    "ExtensionTooLongError": {
        "ru": "Срок продлевается не более чем до двух месяцев со дня поступления (АППК 76).",
        "kk": "Мерзім түскен күннен бастап екі айдан аспайтын мерзімге ұзартылады (ӘРПК 76).",
    },
    "ProceduralComplaintError": {
        "ru": "Процессуальная жалоба не является обращением (АППК 3(4)(1)).",
        "kk": "Іс жүргізу шағымы өтініш болып табылмайды (ӘРПК 3(4)(1)).",
    },
    "ReceptionInThePastError": {
        "ru": "Приём не назначается на прошедшее время.",
        "kk": "Қабылдау өткен уақытқа тағайындалмайды.",
    },
    "ReceiverNotAChairError": {
        "ru": "Приём ведёт председатель или его заместитель: этот пользователь не из их числа.",
        "kk": "Қабылдауды төраға немесе оның орынбасары жүргізеді: бұл пайдаланушы олардың қатарында емес.",
    },
}
PROBLEM_TITLES: dict[str, dict[str, str]] = {
    "rule-violation": {"ru": "Отклонено правилом", "kk": "Ереже бойынша қабылданбады"},
    "wrong-stage": {"ru": "Невозможно на этом этапе", "kk": "Бұл кезеңде мүмкін емес"},
    "conflict": {"ru": "Противоречит записанному", "kk": "Жазылғанмен қайшы келеді"},
    "not-found": {"ru": "Не найдено", "kk": "Табылмады"},
    "not-the-judges": {"ru": "Не для этого судьи", "kk": "Бұл судья үшін емес"},
    "forbidden": {"ru": "Не разрешено для этой роли", "kk": "Бұл рөлге рұқсат етілмеген"},
    "already-distributed": {"ru": "Уже распределено", "kk": "Бөлініп қойған"},
    "already-decided": {"ru": "Уже принято или возвращено", "kk": "Қабылданған немесе қайтарылған"},
    "nothing-to-confirm": {"ru": "Нечего подтверждать", "kk": "Растайтын ештеңе жоқ"},
    "deadline-already-open": {"ru": "Срок уже течёт", "kk": "Мерзім ағып жатыр"},
}


def refusal(lang: str, exc: Exception, slug: str, t) -> str:
    """A refusal in the user's language: its class's own words, else its problem type's title with
    the API's detail; English (and any language without words for it) is the API's detail."""
    detail = str(exc)
    if lang == "en":
        return detail
    words = REFUSALS.get(type(exc).__name__, {}).get(lang)
    if words:
        stage = getattr(exc, "stage", "")
        return words.format(stage=t(str(stage)) if stage else "")
    title = PROBLEM_TITLES.get(slug, {}).get(lang)
    return f"{title}: {detail}" if title else detail
