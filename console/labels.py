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
}


def language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT


def translator(lang: str):
    def t(key: str, **values: object) -> str:
        entry = LABELS.get(key) or ROLE_NAMES.get(key) or {}
        text = entry.get(lang) or entry.get("en") or key
        return text.format(**values) if values else text

    return t
