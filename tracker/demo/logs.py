"""A year of realistic, deterministic demo data for one person.

The story: Alex starts at about 98 kg with a fatty liver, walks more, then adds
strength work, eats more like a Mediterranean diet and drinks less; weight falls
toward 89 kg with daily noise and missed weigh-ins. Everything comes from one seeded
random generator, so the same day gives the same data.
"""

import math
import random
from datetime import date, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from tracker.demo import labs as demo_labs
from tracker.models import (
    ActivityGoal,
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    Meal,
    Measurement,
    Medication,
    Profile,
    WeightEntry,
    WeightGoal,
)
from tracker.science import diet_check
from tracker.science.trends import week_start

USERNAME = "demo"
PASSWORD = "liverlog-demo"
DAYS = 365
START_KG, END_KG = 98.0, 89.0

MEALS = {
    "breakfast": [
        ("Porridge with berries and walnuts", 380, 8.0, 4, ["whole_grains", "nuts"]),
        ("Greek yoghurt, apple and almonds", 320, 5.0, 6, ["nuts"]),
        ("White toast with jam", 350, 2.0, 18, ["refined_carbs", "sweets"]),
        ("Wholegrain toast, egg and tomato", 340, 6.0, 2, ["whole_grains", "vegetables"]),
    ],
    "lunch": [
        ("Lentil soup and a wholegrain roll", 480, 14.0, 3, ["legumes", "whole_grains"]),
        ("Chicken salad with olive oil", 520, 7.0, 2, ["vegetables", "olive_oil"]),
        ("Ham sandwich and crisps", 650, 4.0, 5, ["refined_carbs", "processed"]),
        ("Chickpea and vegetable wrap", 540, 11.0, 4, ["legumes", "vegetables"]),
    ],
    "dinner": [
        ("Baked salmon, potatoes and greens", 620, 8.0, 2, ["fish", "vegetables", "olive_oil"]),
        ("Bean chilli with brown rice", 640, 16.0, 5, ["legumes", "whole_grains"]),
        ("Pizza and a cola", 980, 5.0, 39, ["refined_carbs", "sugary_drink", "processed"]),
        ("Vegetable stir-fry with tofu", 560, 9.0, 6, ["vegetables"]),
        ("Fish and chips", 900, 6.0, 3, ["fish", "processed"]),
    ],
    "snack": [
        ("A handful of mixed nuts", 180, 2.5, 1, ["nuts"]),
        ("Biscuits", 250, 1.0, 16, ["sweets", "refined_carbs"]),
        ("An apple", 80, 3.5, 0, []),
    ],
}
HEALTHY = {"legumes", "fish", "vegetables", "whole_grains", "nuts", "olive_oil"}


def weight_on(day_index, rng):
    """A curve that falls fastest early on, then eases, plus daily water noise."""
    progress = 1 - math.exp(-day_index / 160)
    total = 1 - math.exp(-(DAYS - 1) / 160)
    trend = START_KG - (START_KG - END_KG) * progress / total
    return trend + rng.gauss(0, 0.45)


def choose_meal(slot, improvement, rng):
    """Later in the year, healthier choices become more likely."""
    options = MEALS[slot]
    weights = [
        (1 + 3 * improvement) if HEALTHY.intersection(tags) and "processed" not in tags else 1.5
        for *_rest, tags in options
    ]
    return rng.choices(options, weights=weights)[0]


def build(user, today, rng):
    first = today - timedelta(days=DAYS - 1)
    rows = {
        model: [] for model in (WeightEntry, Measurement, Exercise, Meal, CheckIn, BloodPressure)
    }
    for i in range(DAYS):
        day = first + timedelta(days=i)
        improvement = i / (DAYS - 1)
        if rng.random() > 0.14:  # missed weigh-ins
            kg = round(weight_on(i, rng), 1)
            rows[WeightEntry].append(
                WeightEntry(user=user, date=day, weight_kg=kg, value_typed=kg, unit_typed="kg")
            )
        if i % 14 == 0:
            waist = round(108 - 8 * (1 - math.exp(-i / 170)) + rng.gauss(0, 0.4), 1)
            rows[Measurement].append(
                Measurement(
                    user=user,
                    date=day,
                    waist_cm=waist,
                    waist_typed=waist,
                    unit_typed="cm",
                    hips_cm=round(waist - 2, 1),
                    hips_typed=round(waist - 2, 1),
                )
            )
        add_exercise(rows[Exercise], user, day, improvement, rng)
        for slot in ("breakfast", "lunch", "dinner", "snack"):
            if slot == "snack" and rng.random() < 0.5 or rng.random() < 0.08:
                continue
            text, kcal, fibre, sugar, tags = choose_meal(slot, improvement, rng)
            rows[Meal].append(
                Meal(
                    user=user,
                    date=day,
                    meal=slot,
                    description=text,
                    kcal=kcal,
                    fibre_g=fibre,
                    added_sugar_g=sugar,
                    tags=tags,
                )
            )
        if rng.random() < 0.88:
            weekend = day.weekday() >= 4
            drinks = rng.choice([0, 0, 1, 2, 3] if weekend else [0, 0, 0, 1])
            if improvement > 0.5:
                drinks = min(drinks, 1)
            rows[CheckIn].append(
                CheckIn(
                    user=user,
                    date=day,
                    sleep_hours=round(rng.uniform(5.8, 7.2) + improvement, 1),
                    stress=rng.choice([2, 3, 3, 4] if improvement < 0.5 else [1, 2, 2, 3]),
                    energy=rng.choice([2, 3, 3] if improvement < 0.4 else [3, 4, 4, 5]),
                    alcohol_drinks=drinks,
                )
            )
        if day.weekday() in (0, 3):
            systolic = round(139 - 12 * improvement + rng.gauss(0, 4))
            rows[BloodPressure].append(
                BloodPressure(
                    user=user,
                    date=day,
                    time=time(7, 30 + rng.randrange(20)),
                    systolic=systolic,
                    diastolic=round(89 - 8 * improvement + rng.gauss(0, 3)),
                    pulse=round(76 - 8 * improvement + rng.gauss(0, 3)),
                )
            )
    for model, objs in rows.items():
        model.objects.bulk_create(objs)
    add_diet_checks(user, first, today, rng)
    Medication.objects.bulk_create(
        [
            Medication(
                user=user,
                name="Atorvastatin",
                dose="20 mg daily",
                start_date=first + timedelta(days=180),
                note="Started after the June lipid panel",
            ),
            Medication(
                user=user,
                name="Vitamin D",
                dose="1000 IU daily",
                start_date=first + timedelta(days=20),
                stop_date=first + timedelta(days=110),
            ),
        ]
    )


def add_exercise(rows, user, day, improvement, rng):
    weekday = day.weekday()
    walks_per_week = 3 + round(3 * improvement)
    if weekday < walks_per_week and rng.random() < 0.85:
        minutes = round(20 + 25 * improvement + rng.uniform(-5, 5))
        intensity = "moderate" if improvement > 0.15 else rng.choice(["light", "moderate"])
        rows.append(
            Exercise(
                user=user,
                date=day,
                activity="Brisk walking",
                kind="aerobic",
                minutes=minutes,
                intensity=intensity,
                steps=minutes * 110,
            )
        )
    if improvement > 0.25 and weekday in (1, 4) and rng.random() < 0.8:
        rows.append(
            Exercise(
                user=user,
                date=day,
                activity="Strength training",
                kind="resistance",
                minutes=30,
                intensity="moderate",
            )
        )
    if improvement > 0.55 and weekday == 5 and rng.random() < 0.7:
        rows.append(
            Exercise(
                user=user,
                date=day,
                activity="Cycling",
                kind="aerobic",
                minutes=45,
                intensity="vigorous",
            )
        )


def add_diet_checks(user, first, today, rng):
    checks = []
    monday = week_start(first)
    keys = [key for key, _ in diet_check.QUESTIONS]
    while monday <= today:
        improvement = (monday - first).days / DAYS
        answers = {key: rng.random() < 0.3 + 0.5 * improvement for key in keys}
        checks.append(
            DietCheck(
                user=user, week_start=monday, answers=answers, score=diet_check.score(answers)
            )
        )
        monday += timedelta(days=7)
    DietCheck.objects.bulk_create(checks)


@transaction.atomic
def seed(today):
    User.objects.filter(username=USERNAME).delete()
    user = User.objects.create_user(USERNAME, email="demo@example.com", password=PASSWORD)
    Profile.objects.update_or_create(
        user=user,
        defaults=dict(
            display_name="Alex D.",
            sex="male",
            date_of_birth=date(1974, 5, 12),
            height_cm=178,
            time_zone="Europe/London",
        ),
    )
    build(user, today, random.Random(20261121))
    demo_labs.add_labs(user, today - timedelta(days=DAYS - 1), today)
    add_goals(user)
    return user


def add_goals(user):
    """A 10 % weight goal from the first weighing, and the guideline activity goal."""
    first = WeightEntry.objects.filter(user=user).order_by("date").first()
    WeightGoal.objects.create(
        user=user, baseline_date=first.date, baseline_kg=first.weight_kg, target_percent=10
    )
    ActivityGoal.objects.create(
        user=user, minutes_per_week=150, strength_sessions_per_week=2, fibre_g_per_day=30
    )
