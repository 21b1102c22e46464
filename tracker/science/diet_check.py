"""The weekly Mediterranean-diet check, adapted from the 14-item MEDAS screener
(Schröder et al., J Nutr 2011). The wine item is left out on purpose: for a fatty
liver, less alcohol is better, so drinking must never raise the score."""

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("olive_oil_main", "Was olive oil your main fat for cooking and dressing?"),
    ("olive_oil_amount", "Did you use about 4 tablespoons of olive oil or more a day?"),
    ("vegetables", "Did you eat 2 or more servings of vegetables a day?"),
    ("fruit", "Did you eat 3 or more pieces of fruit a day?"),
    ("red_meat", "Did you keep red or processed meat under 1 serving a day?"),
    ("butter", "Did you keep butter, margarine or cream under 1 serving a day?"),
    ("sugary_drinks", "Did you keep sugary or fizzy sweet drinks under 1 a day?"),
    ("legumes", "Did you eat legumes (beans, lentils, chickpeas) 3 or more times?"),
    ("fish", "Did you eat fish or seafood 3 or more times?"),
    ("sweets", "Did you keep shop-bought sweets and pastries under 3 times?"),
    ("nuts", "Did you eat a handful of nuts 3 or more times?"),
    ("white_meat", "Did you choose chicken, turkey or rabbit over red meat?"),
    ("sofrito", "Did you have a tomato, onion and garlic sauce with olive oil twice or more?"),
)
MAX_SCORE = len(QUESTIONS)


def score(answers: dict[str, bool]) -> int:
    return sum(1 for key, _ in QUESTIONS if answers.get(key))
