// What Demo Vending sells and where its machines stand (Berlin). Plain data; prices in euro cents.
// The types and the product builders serve every demo operator's catalog.
import "server-only";

import type { LocationKind } from "~/db/schema";

/** Which kind of machine a product goes into: cooled drinks, ambient snacks, cooled fresh food. */
export type Shelf = "drink" | "snack" | "fresh";

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  priceMinor: number;
  costMinor: number;
  /** Relative demand (long tail: a few sell most). */
  popularity: number;
  shelf: Shelf;
  /** Slot capacity in a spiral or lane. */
  capacity: number;
  tags?: ("energy" | "coffee" | "sport" | "kids" | "meal")[];
}

/** Builders of a demo catalog's products, one per shelf (cooled drinks, ambient snacks, cooled fresh food). */
export const drink = (sku: string, name: string, category: string, priceMinor: number, costMinor: number, popularity: number, capacity = 12, tags?: DemoProduct["tags"]): DemoProduct =>
  ({ sku, name, category, priceMinor, costMinor, popularity, shelf: "drink", capacity, tags });
export const snack = (sku: string, name: string, category: string, priceMinor: number, costMinor: number, popularity: number, capacity = 12, tags?: DemoProduct["tags"]): DemoProduct =>
  ({ sku, name, category, priceMinor, costMinor, popularity, shelf: "snack", capacity, tags });
export const fresh = (sku: string, name: string, category: string, priceMinor: number, costMinor: number, popularity: number, capacity = 6, tags?: DemoProduct["tags"]): DemoProduct =>
  ({ sku, name, category, priceMinor, costMinor, popularity, shelf: "fresh", capacity, tags });

export const demoProducts: DemoProduct[] = [
  drink("DRK-COLA-050", "Cola 0.5 l", "Soft drinks", 250, 85, 10),
  drink("DRK-COLAZ-050", "Cola Zero 0.5 l", "Soft drinks", 250, 85, 8),
  drink("DRK-ORANGE-050", "Orange Soda 0.5 l", "Soft drinks", 240, 80, 4),
  drink("DRK-LEMON-050", "Lemon Soda 0.5 l", "Soft drinks", 240, 80, 3),
  drink("DRK-MATE-050", "Mate Lemonade 0.5 l", "Soft drinks", 280, 95, 5, 12, ["energy"]),
  drink("DRK-GINGER-033", "Ginger Beer 0.33 l", "Soft drinks", 260, 95, 1, 15),
  drink("DRK-WATER-050", "Still Water 0.5 l", "Water", 150, 25, 9, 14, ["sport"]),
  drink("DRK-SPARK-050", "Sparkling Water 0.5 l", "Water", 150, 25, 7, 14),
  drink("DRK-APPLE-050", "Apple Spritzer 0.5 l", "Juices", 220, 60, 6, 12, ["kids"]),
  drink("DRK-RHUBARB-050", "Rhubarb Spritzer 0.5 l", "Juices", 240, 70, 1.5),
  drink("DRK-OJ-033", "Orange Juice 0.33 l", "Juices", 270, 110, 3, 15, ["kids"]),
  drink("DRK-MULTI-033", "Multivitamin Juice 0.33 l", "Juices", 260, 100, 2, 15, ["kids"]),
  drink("DRK-TEAPEACH-050", "Iced Tea Peach 0.5 l", "Iced tea", 230, 70, 5, 12, ["kids"]),
  drink("DRK-TEALEMON-050", "Iced Tea Lemon 0.5 l", "Iced tea", 230, 70, 4),
  drink("DRK-ENERGY-025", "Energy Drink 0.25 l", "Energy drinks", 260, 90, 6, 18, ["energy"]),
  drink("DRK-ENERGYSF-025", "Energy Drink Sugar-free 0.25 l", "Energy drinks", 260, 90, 3, 18, ["energy"]),
  drink("DRK-COLDBREW-025", "Cold Brew Coffee 0.25 l", "Coffee", 320, 130, 3, 15, ["coffee"]),
  drink("DRK-LATTE-025", "Latte Macchiato 0.25 l", "Coffee", 290, 110, 4, 15, ["coffee"]),
  drink("DRK-ISO-050", "Isotonic Sports Drink 0.5 l", "Sports", 260, 80, 2, 12, ["sport"]),
  drink("DRK-PROTEIN-033", "Protein Shake Chocolate 0.33 l", "Sports", 350, 160, 2, 12, ["sport"]),
  drink("DRK-COCONUT-033", "Coconut Water 0.33 l", "Sports", 300, 140, 1, 12, ["sport"]),
  drink("DRK-STRAWMILK-050", "Strawberry Milk 0.5 l", "Dairy", 210, 80, 1.5, 10, ["kids"]),

  snack("SNK-CHOC-MILK", "Milk Chocolate Bar 45 g", "Chocolate", 150, 55, 8, 15, ["kids"]),
  snack("SNK-CHOC-HAZEL", "Hazelnut Chocolate Bar 45 g", "Chocolate", 160, 60, 5, 15),
  snack("SNK-CARAMEL", "Caramel Peanut Bar 50 g", "Chocolate", 150, 55, 7, 15, ["kids"]),
  snack("SNK-WAFER", "Chocolate Wafer 45 g", "Chocolate", 140, 50, 5, 15, ["kids"]),
  snack("SNK-COCONUT", "Coconut Bar 57 g", "Chocolate", 150, 55, 3, 15),
  snack("SNK-CRISPS-SALT", "Crisps Salted 40 g", "Crisps", 180, 60, 6, 8, ["kids"]),
  snack("SNK-CRISPS-PAPR", "Crisps Paprika 40 g", "Crisps", 180, 60, 7, 8, ["kids"]),
  snack("SNK-CRISPS-SCRM", "Crisps Sour Cream 40 g", "Crisps", 180, 60, 4, 8),
  snack("SNK-TORTILLA", "Tortilla Chips 45 g", "Crisps", 190, 65, 3, 8),
  snack("SNK-PRETZELSTK", "Salted Pretzel Sticks 75 g", "Savoury", 140, 40, 3, 10),
  snack("SNK-PEANUTS", "Roasted Peanuts 50 g", "Savoury", 160, 50, 3, 12),
  snack("SNK-TRAILMIX", "Trail Mix 50 g", "Healthy", 220, 90, 2, 12, ["sport"]),
  snack("SNK-GUMMY", "Gummy Bears 100 g", "Sweets", 160, 55, 6, 12, ["kids"]),
  snack("SNK-SOURWORMS", "Sour Worms 100 g", "Sweets", 160, 55, 3, 12, ["kids"]),
  snack("SNK-LIQUORICE", "Liquorice Wheels 80 g", "Sweets", 150, 50, 1, 12),
  snack("SNK-MINTS", "Peppermints 40 g", "Sweets", 120, 35, 2, 20),
  snack("SNK-GUM", "Chewing Gum Spearmint", "Sweets", 120, 30, 2.5, 20),
  snack("SNK-COOKIES", "Chocolate Chip Cookies 75 g", "Biscuits", 190, 70, 4, 12, ["kids"]),
  snack("SNK-BUTTERBISC", "Butter Biscuits 60 g", "Biscuits", 140, 45, 2, 12),
  snack("SNK-PROTEINBAR", "Protein Bar Peanut 55 g", "Healthy", 290, 130, 3, 15, ["sport"]),
  snack("SNK-GRANOLA", "Granola Bar Oats & Honey 40 g", "Healthy", 160, 55, 3, 15, ["sport"]),
  snack("SNK-RICECAKE", "Rice Cakes Dark Chocolate 60 g", "Healthy", 190, 75, 1.5, 10),
  snack("SNK-CROISSANT", "Chocolate Croissant", "Bakery", 180, 70, 3, 8, ["coffee"]),
  snack("SNK-MUFFIN", "Blueberry Muffin", "Bakery", 210, 80, 2, 8, ["coffee"]),

  fresh("FRS-HAMCHEESE", "Ham & Cheese Baguette", "Sandwiches", 420, 190, 6, 6, ["meal"]),
  fresh("FRS-MOZZARELLA", "Tomato Mozzarella Ciabatta", "Sandwiches", 450, 200, 5, 6, ["meal"]),
  fresh("FRS-CHICKENWRAP", "Chicken Caesar Wrap", "Sandwiches", 490, 230, 5, 6, ["meal"]),
  fresh("FRS-TUNA", "Tuna Sandwich", "Sandwiches", 390, 170, 3, 6, ["meal"]),
  fresh("FRS-EGG", "Egg Salad Sandwich", "Sandwiches", 350, 140, 3, 6, ["meal"]),
  fresh("FRS-FALAFEL", "Falafel Hummus Wrap (vegan)", "Sandwiches", 460, 200, 3, 6, ["meal"]),
  fresh("FRS-SCHNITZEL", "Schnitzel Roll", "Sandwiches", 470, 210, 3, 6, ["meal"]),
  fresh("FRS-PRETZEL", "Butter Pretzel", "Bakery", 220, 70, 4, 8, ["coffee"]),
  fresh("FRS-GREEKSALAD", "Greek Salad", "Salads", 520, 240, 2, 5, ["meal"]),
  fresh("FRS-PASTASALAD", "Pasta Salad Pesto", "Salads", 480, 210, 2, 5, ["meal"]),
  fresh("FRS-YOGURT", "Greek Yogurt & Berries", "Dairy", 260, 110, 3, 8),
  fresh("FRS-BIRCHER", "Bircher Muesli", "Dairy", 290, 120, 2, 8, ["coffee"]),
  fresh("FRS-FRUITCUP", "Fruit Cup", "Fruit", 300, 140, 2, 6, ["sport"]),
  fresh("FRS-SMOOTHIE", "Mango Smoothie 0.25 l", "Fruit", 330, 150, 3, 8, ["sport"]),
];

export interface DemoLocation {
  key: string;
  /** Short name used in machine names. */
  short: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  kind: LocationKind;
  /** Machine types placed there, in order. */
  machines: MachineTypeKey[];
}

export type MachineTypeKey = "drinks" | "snacks" | "combo" | "fresh";

export const demoLocations: DemoLocation[] = [
  { key: "HBF", short: "Hauptbahnhof", name: "Berlin Hauptbahnhof, East Concourse", address: "Europaplatz 1, 10557 Berlin", latitude: 52.5251, longitude: 13.3694, kind: "station", machines: ["drinks", "drinks", "snacks", "snacks", "combo"] },
  { key: "ALX", short: "Alexanderplatz", name: "Alexanderplatz Station, Mezzanine", address: "Alexanderplatz 4, 10178 Berlin", latitude: 52.5216, longitude: 13.4114, kind: "station", machines: ["drinks", "snacks", "combo", "combo"] },
  { key: "BER", short: "BER T1", name: "BER Airport, Terminal 1 Gates", address: "Melli-Beese-Ring 1, 12529 Schönefeld", latitude: 52.3649, longitude: 13.5101, kind: "airport", machines: ["drinks", "drinks", "snacks", "combo", "fresh"] },
  { key: "HSP", short: "Hospital", name: "Friedrichshain Hospital, Main Entrance", address: "Landsberger Allee 49, 10249 Berlin", latitude: 52.5279, longitude: 13.4381, kind: "hospital", machines: ["drinks", "snacks", "combo", "fresh"] },
  { key: "SPR", short: "Spreeufer", name: "Spreeufer Office Campus", address: "Stralauer Allee 6, 10245 Berlin", latitude: 52.5007, longitude: 13.4447, kind: "office", machines: ["combo", "snacks", "fresh", "drinks"] },
  { key: "PPL", short: "Potsdamer Platz", name: "Potsdamer Platz Business Center", address: "Potsdamer Platz 10, 10785 Berlin", latitude: 52.5096, longitude: 13.3759, kind: "office", machines: ["drinks", "snacks", "fresh", "combo"] },
  { key: "GYM", short: "Weinberg School", name: "Gymnasium am Weinberg", address: "Weinbergsweg 20, 10119 Berlin", latitude: 52.5306, longitude: 13.4012, kind: "school", machines: ["drinks", "snacks", "combo"] },
  { key: "UNI", short: "Campus Library", name: "Campus Charlottenburg, Library", address: "Fasanenstraße 88, 10623 Berlin", latitude: 52.5102, longitude: 13.3281, kind: "university", machines: ["drinks", "snacks", "combo", "fresh"] },
  { key: "ADL", short: "Adlershof", name: "Adlershof Technology Park, Hall 3", address: "Rudower Chaussee 29, 12489 Berlin", latitude: 52.4311, longitude: 13.5292, kind: "factory", machines: ["combo", "snacks", "fresh"] },
  { key: "FIT", short: "Kreuzberg Fitness", name: "Kreuzberg Fitness Club", address: "Skalitzer Straße 80, 10997 Berlin", latitude: 52.4991, longitude: 13.4331, kind: "gym", machines: ["drinks", "snacks"] },
  { key: "KUD", short: "Hotel Ku'damm", name: "Hotel Kurfürstendamm, Lobby", address: "Kurfürstendamm 62, 10707 Berlin", latitude: 52.5001, longitude: 13.3049, kind: "hotel", machines: ["combo", "snacks"] },
];
